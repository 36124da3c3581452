import { Avatar, Group, Text } from '@mantine/core';
import { initials } from '../lib/format';

const palette = ['blue', 'cyan', 'teal', 'green', 'grape', 'violet', 'indigo', 'orange', 'pink'];

/** The same avatar in plain markup, for rows rendered by the thousand. */
export function MiniAvatar({ id, name, photoUrl, size = 28 }: { id: number; name: string; photoUrl: string | null; size?: number }) {
  return (
    <span className="avatar" style={{ width: size, height: size, background: `var(--mantine-color-${palette[id % palette.length]}-filled)` }} aria-hidden>
      {photoUrl ? <img src={photoUrl} alt="" loading="lazy" /> : initials(name)}
    </span>
  );
}

/** A person's photo, or their initials on a colour picked from their id. */
export function PersonAvatar({ id, name, photoUrl, size = 28 }: { id: number; name: string; photoUrl: string | null; size?: number }) {
  return (
    <Avatar src={photoUrl || null} alt={name} size={size} radius="xl" color={palette[id % palette.length]} variant="filled">
      {initials(name)}
    </Avatar>
  );
}

export function PersonLine({ id, name, photoUrl, onClick }: { id: number; name: string; photoUrl: string | null; onClick?: () => void }) {
  return (
    <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
      <PersonAvatar id={id} name={name} photoUrl={photoUrl} />
      {onClick ? (
        <button type="button" className="link-button" onClick={onClick} data-testid="employee-link">
          <Text size="sm" truncate>
            {name}
          </Text>
        </button>
      ) : (
        <Text size="sm" truncate>
          {name}
        </Text>
      )}
    </Group>
  );
}
