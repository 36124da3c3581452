// A tiny toast stack on Mantine's Notification (the notifications package is not in the set).
import { useSyncExternalStore } from 'react';
import { Notification, Portal, Stack } from '@mantine/core';

interface Toast {
  id: number;
  message: string;
  color?: string;
}

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const notifications = {
  show({ message, color }: { message: string; color?: string }) {
    const id = next++;
    toasts = [...toasts, { id, message, color }];
    emit();
    setTimeout(() => notifications.hide(id), 3500);
  },
  hide(id: number) {
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  },
};

export function Toasts() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
  if (!list.length) return null;
  return (
    <Portal>
      <Stack gap="xs" style={{ position: 'fixed', bottom: 16, right: 16, zIndex: 1000, width: 320 }}>
        {list.map((t) => (
          <Notification key={t.id} color={t.color} onClose={() => notifications.hide(t.id)} withBorder>
            {t.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
