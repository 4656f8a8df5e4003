import { Card, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { Page } from '../../ui/page.tsx';

export function CustomersPage() {
  return (
    <Page title="Customers" description="Management companies and properties you serve.">
      <Card withBorder padding="xl">
        <Stack align="center" gap="xs" py="xl">
          <ThemeIcon size={48} radius="xl" variant="light"><IconBuildingSkyscraper size={26} /></ThemeIcon>
          <Text fw={600}>No customers to show yet</Text>
          <Text c="dimmed" size="sm">Customer accounts appear here once they are added.</Text>
        </Stack>
      </Card>
    </Page>
  );
}
