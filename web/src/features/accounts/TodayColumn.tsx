// A column of Today (sales or accounts): a title on one line with its count, items that open a card.
import type { ReactNode } from 'react';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { Muted } from '../../components/CardParts';
import { useLocale } from '../../i18n';

export function Column({ title, count, color, testId, hint, children }: { title: string; count: number; color: string; testId: string; hint?: string; children: ReactNode }) {
  const { t } = useLocale();
  return (
    <Paper withBorder radius="md" p="sm" style={{ borderTop: `3px solid var(--mantine-color-${color}-6)`, minWidth: 0 }} data-testid={testId}>
      <Group justify="space-between" mb={hint ? 0 : 'xs'} wrap="nowrap" gap="xs">
        {/* One line even for the long English titles in a narrow column (the badge used to wrap under). */}
        <Text fw={600} size="sm" truncate title={title}>
          {title}
        </Text>
        <Badge color={color} variant="light" style={{ flexShrink: 0 }} data-testid={`${testId}-count`}>
          {count}
        </Badge>
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      <Stack gap={6}>{count === 0 ? <Muted>{t('today.nothing')}</Muted> : children}</Stack>
    </Paper>
  );
}

/** An item; without `onClick` (a card the role may not open) it is plain text, not a button. */
export function Item({ onClick, testId, children, data }: { onClick?: () => void; testId: string; children: ReactNode; data?: Record<string, string | number> }) {
  const style = { display: 'block', width: '100%', padding: '6px 8px', borderRadius: 6, border: '1px solid var(--mantine-color-default-border)', minWidth: 0 } as const;
  const attrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  if (!onClick)
    return (
      <div style={style} data-testid={testId} {...attrs}>
        {children}
      </div>
    );
  return (
    <UnstyledButton onClick={onClick} className="today-item" data-testid={testId} style={style} {...attrs}>
      {children}
    </UnstyledButton>
  );
}
