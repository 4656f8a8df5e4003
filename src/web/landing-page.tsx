import { Card, Center, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { IconBuildingCommunity, IconLayoutDashboard } from '@tabler/icons-react';
import { Brand } from './ui/brand.tsx';

export function LandingPage() {
  return (
    <Center mih="100vh" p="md">
      <Stack maw={760} w="100%" gap="xl">
        <Center>
          <Brand />
        </Center>
        <Title ta="center" order={1}>
          Make-ready work, from order to done
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card component={Link} to="/portal/sign-in" withBorder padding="xl" radius="lg">
            <ThemeIcon size={44} radius="md" variant="light">
              <IconBuildingCommunity />
            </ThemeIcon>
            <Text fw={650} size="lg" mt="md">
              Customer portal
            </Text>
            <Text c="dimmed" size="sm">
              For property teams: schedule turns, approve add-ons, see every unit’s progress.
            </Text>
          </Card>
          <Card component={Link} to="/console/sign-in" withBorder padding="xl" radius="lg">
            <ThemeIcon size={44} radius="md" variant="light" color="indigo">
              <IconLayoutDashboard />
            </ThemeIcon>
            <Text fw={650} size="lg" mt="md">
              Staff console
            </Text>
            <Text c="dimmed" size="sm">
              For our team: customers, pricing, portal access and notifications.
            </Text>
          </Card>
        </SimpleGrid>
      </Stack>
    </Center>
  );
}
