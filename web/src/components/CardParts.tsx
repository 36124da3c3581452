import type { ReactNode } from 'react';
import { Badge, SimpleGrid, Stack, Text, Title } from '@mantine/core';

export function Section({ title, children, right, titleTestId }: { title: string; children: ReactNode; right?: ReactNode; titleTestId?: string }) {
  return (
    <Stack gap={6} mt="md">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Title order={5} data-testid={titleTestId}>
          {title}
        </Title>
        {right}
      </div>
      {children}
    </Stack>
  );
}

export function Fields({ items }: { items: [string, ReactNode][] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {value === null || value === undefined || value === '' ? '—' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

const statusColor: Record<string, string> = { lead: 'grape', active: 'green', paused: 'yellow', churned: 'gray', finished: 'gray' };

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={statusColor[status] ?? 'gray'} variant="light">
      {label}
    </Badge>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
