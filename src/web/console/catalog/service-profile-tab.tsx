import {
  Button,
  Card,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import {
  ADDON_APPROVAL_METHOD_LABELS,
  AddonApprovalMethodSchema,
  type AddonApprovalMethod,
  type ServiceProfile,
} from '../../../shared/catalog-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import {
  centsToDollars,
  dollarsToCents,
  useAccountServices,
  useServiceProfile,
  useUpdateServiceProfile,
} from './catalog-api.ts';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { SetupStatusAlert } from './setup-status-alert.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

const approvalOptions = AddonApprovalMethodSchema.options.map((value) => ({
  value,
  label: ADDON_APPROVAL_METHOD_LABELS[value],
}));

interface ProfileValues {
  turnProfileAllServices: boolean;
  turnProfileServiceIds: string[];
  addonApprovalMethod: AddonApprovalMethod;
  addonAutoApproveLimit: number | string;
  backupNotificationPhone: string;
  mainApproverContactId: string | null;
  addonPhotosRequired: boolean;
  proRequestsDirect: boolean;
  addonEscalationMinutes: number | string;
  poReminderDays: number | string;
}

function toValues(profile: ServiceProfile): ProfileValues {
  return {
    turnProfileAllServices: profile.turnProfileAllServices,
    turnProfileServiceIds: profile.turnProfileServiceIds,
    addonApprovalMethod: profile.addonApprovalMethod,
    addonAutoApproveLimit: centsToDollars(profile.addonAutoApproveLimitCents),
    backupNotificationPhone: profile.backupNotificationPhone ?? '',
    mainApproverContactId: profile.mainApproverContactId,
    addonPhotosRequired: profile.addonPhotosRequired,
    proRequestsDirect: profile.proRequestsDirect,
    addonEscalationMinutes: profile.addonEscalationMinutes,
    poReminderDays: profile.poReminderDays,
  };
}

export function ServiceProfileTab({ accountId }: { accountId: string }) {
  const profile = useServiceProfile(accountId);
  const services = useAccountServices(accountId);
  const save = useUpdateServiceProfile(accountId, profile.data?.version ?? 0);
  const form = useForm<ProfileValues>({
    initialValues: {
      turnProfileAllServices: true,
      turnProfileServiceIds: [],
      addonApprovalMethod: 'customer_approves',
      addonAutoApproveLimit: '',
      backupNotificationPhone: '',
      mainApproverContactId: null,
      addonPhotosRequired: false,
      proRequestsDirect: true,
      addonEscalationMinutes: 60,
      poReminderDays: 3,
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the server copy whenever it changes, not its own edits
  useEffect(() => {
    if (profile.data) {
      form.setValues(toValues(profile.data));
      form.resetDirty(toValues(profile.data));
    }
  }, [profile.data]);

  if (profile.isPending) return <Loader size="sm" />;
  if (profile.error) return <ErrorAlert error={profile.error} />;

  const standardOptions = (services.data?.items ?? [])
    .filter((service) => service.kind === 'standard')
    .map((service) => ({ value: service.id, label: service.name }));
  const approverOptions = profile.data.approverOptions.map((contact) => ({ value: contact.id, label: contact.name }));

  const submit = form.onSubmit((values) => {
    save.mutate(
      {
        turnProfileAllServices: values.turnProfileAllServices,
        turnProfileServiceIds: values.turnProfileAllServices ? [] : values.turnProfileServiceIds,
        addonApprovalMethod: values.addonApprovalMethod,
        addonAutoApproveLimitCents:
          values.addonApprovalMethod === 'auto_approve_under_limit'
            ? dollarsToCents(values.addonAutoApproveLimit)
            : null,
        backupNotificationPhone: values.backupNotificationPhone,
        mainApproverContactId: values.mainApproverContactId,
        addonPhotosRequired: values.addonPhotosRequired,
        proRequestsDirect: values.proRequestsDirect,
        addonEscalationMinutes: Number(values.addonEscalationMinutes),
        poReminderDays: Number(values.poReminderDays),
      },
      {
        onSuccess: () => notifySaved('The service profile is saved.'),
        onError: (error) => applyFieldErrors(form, error, { addonAutoApproveLimitCents: 'addonAutoApproveLimit' }),
      },
    );
  });

  return (
    <Stack>
      <SetupStatusAlert accountId={accountId} />
      <Card withBorder>
        <form onSubmit={submit} noValidate>
          <Stack maw={560}>
            <ErrorAlert error={formLevelError(save.error)} />
            {profile.data.exists ? null : (
              <Text size="sm" c="dimmed">
                This account has no service profile yet; these are the defaults.
              </Text>
            )}
            <Switch
              label="Turn profile has ALL services"
              description="Every standard service is part of a turn at this account"
              {...form.getInputProps('turnProfileAllServices', { type: 'checkbox' })}
            />
            {form.values.turnProfileAllServices ? null : (
              <MultiSelect
                label="Turn profile services"
                description="The standard services of a turn"
                data={standardOptions}
                searchable
                {...form.getInputProps('turnProfileServiceIds')}
              />
            )}
            <Select
              label="Add-on approval method"
              data={approvalOptions}
              allowDeselect={false}
              {...form.getInputProps('addonApprovalMethod')}
            />
            {form.values.addonApprovalMethod === 'auto_approve_under_limit' ? (
              <NumberInput
                label="Auto-approve limit (USD)"
                description="Add-ons up to this amount are approved without asking"
                prefix="$"
                decimalScale={2}
                min={0}
                hideControls
                {...form.getInputProps('addonAutoApproveLimit')}
              />
            ) : null}
            <TextInput
              label="Backup notification phone"
              description="Mobile number of the main approver, format +1XXXXXXXXXX"
              placeholder="+15125550142"
              {...form.getInputProps('backupNotificationPhone')}
            />
            <Select
              label="Main customer approver"
              description={
                approverOptions.length
                  ? 'The contact who receives add-on notifications'
                  : 'Link contacts to this account first'
              }
              data={approverOptions}
              clearable
              searchable
              {...form.getInputProps('mainApproverContactId')}
            />
            <NumberInput
              label="Add-on escalation (minutes)"
              description="Undecided this long: the backup phone gets a one-tap approve/decline link; as long again and staff are alerted on the turns desk"
              min={5}
              max={1440}
              allowDecimal={false}
              {...form.getInputProps('addonEscalationMinutes')}
            />
            <NumberInput
              label="PO reminder (days)"
              description="While a turn’s PO number is “I don’t know yet”, the contacts are reminded this many days after the order, and again every so many days"
              min={1}
              max={60}
              allowDecimal={false}
              {...form.getInputProps('poReminderDays')}
            />
            <Switch
              label="Add-on requests need a photo"
              description="A request for an add-on without a photo is refused"
              {...form.getInputProps('addonPhotosRequired', { type: 'checkbox' })}
            />
            <Switch
              label="Pros may ask the customer directly"
              description="Off: a pro’s add-on request goes to staff first (official channels)"
              {...form.getInputProps('proRequestsDirect', { type: 'checkbox' })}
            />
            <Group>
              <RequiresPermission permission="customerSetup">
                <Button type="submit" loading={save.isPending}>
                  Save service profile
                </Button>
              </RequiresPermission>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
