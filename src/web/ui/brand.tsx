import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';

export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size="lg" radius="md" variant="filled">
        <IconBuildingCommunity size={20} />
      </ThemeIcon>
      <div>
        <Text fw={700} size="lg" lh={1.1}>
          Portico
        </Text>
        {subtitle ? (
          <Text size="xs" c="dimmed" lh={1.1}>
            {subtitle}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
