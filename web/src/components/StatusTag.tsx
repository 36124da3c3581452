// The status of a brief, an estimate or a document as a coloured word.
import { Badge } from '@mantine/core';

const colors: Record<string, string> = { draft: 'gray', sent: 'blue', shared: 'blue', submitted: 'green', accepted: 'green', revoked: 'red', proposed: 'violet' };

export function StatusTag({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }} data-testid={testId} data-status={status}>
      {label}
    </Badge>
  );
}
