import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import dayjs from 'dayjs';
import { jpegWithGps } from '../../test/test-images.ts';
import { signInAsDemoStaff } from '../fixtures.ts';
import { latestMailTo } from '../mail.ts';
import { demoContact, latestLink, signInStaffApi, staffCall } from '../portal-access/support.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'amber meadow lantern quartz';
const EMAIL = 'jordan.lee@cedarstone.example';

async function onPhone(browser: Browser): Promise<Page> {
  return (await browser.newContext(PHONE)).newPage();
}

const photo = async (name: string, color: string) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: await jpegWithGps({ width: 1200, height: 900, color }),
});

/**
 * Cedar Ridge asks its customer to approve pros' add-ons directly; a new contact there gets a portal
 * login, and orders a turn for unit 106 whose touch-up paint is tomorrow, so its pro has it on the list.
 */
async function setUp(request: APIRequestContext) {
  const { accountId } = demoContact('priya.shah@cedarstone.example');
  await signInStaffApi(request);
  const profile = await (await request.get(`/api/staff/accounts/${accountId}/service-profile`)).json();
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/service-profile`, {
    turnProfileAllServices: profile.turnProfileAllServices,
    turnProfileServiceIds: profile.turnProfileServiceIds,
    addonApprovalMethod: 'customer_approves',
    backupNotificationPhone: profile.backupNotificationPhone,
    mainApproverContactId: profile.mainApproverContactId,
    addonPhotosRequired: true,
    proRequestsDirect: true,
  });
  const contact = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName: 'Jordan',
    lastName: 'Lee',
    title: 'Property Manager',
    primaryEmails: [EMAIL],
    otherEmails: [],
    mainAccountId: accountId,
    accountIds: [accountId],
  });
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/portal-access`, { enabled: true });
  await staffCall(request, 'post', `/api/staff/contacts/${contact.id}/portal-access/grant`, {
    portalEmail: EMAIL,
    sendCredentialCreateEmail: true,
  });
  const token = (await latestLink(request, EMAIL, 'credential_create')).split('/').pop();
  await staffCall(request, 'post', '/api/portal/links/redeem', { token, username: 'jordan.lee', password: PASSWORD });
  await request.post('/api/portal/session', { data: { login: 'jordan.lee', password: PASSWORD } });

  const units = await (await request.get(`/api/portal/properties/${accountId}/units`)).json();
  const unit = units.items.find((candidate: { number: string }) => candidate.number === '106');
  const moveOutDate = dayjs().format('YYYY-MM-DD');
  const moveInDate = dayjs().add(6, 'day').format('YYYY-MM-DD');
  const preview = await staffCall(request, 'post', `/api/portal/properties/${accountId}/turns/preview`, {
    floorplanId: unit.floorplanId,
    moveOutDate,
    moveInDate,
  });
  const paint = preview.services.find((service: { name: string }) => service.name === 'Touch-up paint');
  const turn = await staffCall(request, 'post', `/api/portal/properties/${accountId}/turns`, {
    unitId: unit.id,
    moveOutDate,
    moveInDate,
    notes: 'Lockbox code 4821.',
    lines: [{ serviceId: paint.serviceId, scheduledDate: dayjs().add(1, 'day').format('YYYY-MM-DD') }],
    allowOverlap: true,
  });
  const pros = await (await request.get('/api/staff/pros')).json();
  const pro = pros.items.find((candidate: { name: string }) => candidate.name.startsWith(turn.lines[0].proFirstName));
  return { turnId: turn.id as string, pro: pro as { name: string; phone: string } };
}

test('a pro works a service from the texted link with photos and an add-on; the customer approves it, reports an issue, and staff schedule the rework', async ({
  browser,
  request,
}) => {
  const { turnId, pro } = await setUp(request);

  // The pro asks for a link on their phone and opens it from the text.
  const proPage = await onPhone(browser);
  await proPage.goto('/pro');
  await expect(proPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await proPage.getByLabel('Mobile phone or email').fill(pro.phone);
  await proPage.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(proPage.getByRole('heading', { name: 'Check your texts' })).toBeVisible();
  const text = await latestMailTo(request, pro.phone, { kind: 'pro_sign_in_link_sms' });
  await proPage.goto(text.links.find((link) => link.includes('/pro/link/'))!);
  await expect(proPage).toHaveURL(/\/pro\/link$/);
  await proPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(proPage.getByRole('heading', { name: 'My services' })).toBeVisible();

  await proPage.getByRole('link', { name: /Touch-up paint, unit 106, Cedar Ridge/ }).click();
  await expect(proPage.getByText('Lockbox code 4821.')).toBeVisible();
  await proPage.getByRole('button', { name: 'Start service' }).click();
  await expect(proPage.getByRole('button', { name: 'Complete service' })).toBeVisible();
  await proPage.getByLabel('Add a before photo').setInputFiles(await photo('before.jpg', '#556677'));
  await expect(proPage.getByRole('img', { name: 'Before photo 1' })).toBeVisible();

  // Photos are required on this account: the request says so until one is attached.
  const addOn = proPage.getByRole('region', { name: 'Request an add-on' });
  // The floorplan's price, shown as the customer will pay it.
  const picker = addOn.getByLabel('Add-on', { exact: true });
  await expect(picker.locator('option', { hasText: /^Extra paint coat · \$\d+\.\d\d$/ })).toHaveCount(1);
  await picker.selectOption((await picker.locator('option', { hasText: 'Extra paint coat' }).getAttribute('value'))!);
  await addOn.getByLabel('What you found').fill('Nicotine stains on the bedroom ceiling');
  await addOn.getByRole('button', { name: 'Send add-on request' }).click();
  await expect(addOn.getByText('at least one photo')).toBeVisible();
  await addOn.getByLabel('Add a photo of the extra work').setInputFiles(await photo('stain.jpg', '#aa9944'));
  await expect(addOn.getByRole('img', { name: 'Add-on photo 1' })).toBeVisible();
  await addOn.getByRole('button', { name: 'Send add-on request' }).click();
  await expect(proPage.getByText(/is waiting for approval/)).toBeVisible();

  // The customer sees the request with the pro's photo, and approves it.
  const customerPage = await onPhone(browser);
  await customerPage.goto('/portal/sign-in');
  await customerPage.getByLabel('Username or email').fill('jordan.lee');
  await customerPage.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await customerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(customerPage.getByRole('heading', { name: 'Welcome, Jordan' })).toBeVisible();
  await customerPage.goto(`/portal/turns/${turnId}`);
  const services = customerPage.getByRole('table', { name: 'Services' });
  const addOnPhoto = services.getByRole('img', { name: /Extra paint coat photo 1/ });
  await expect(addOnPhoto).toBeVisible();
  expect(await addOnPhoto.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);
  await expect(services.getByRole('img', { name: 'Touch-up paint photo 1' })).toBeVisible();
  await services.getByRole('button', { name: /Approve Extra paint coat/ }).click();
  await expect(services.getByText('Approved')).toBeVisible();

  // The pro sees it approved, adds an after photo and completes the service.
  await proPage.reload();
  await expect(proPage.getByRole('region', { name: 'On site' })).toContainText('Extra paint coat');
  await proPage.getByLabel('Add an after photo').setInputFiles(await photo('after.jpg', '#dddddd'));
  await expect(proPage.getByRole('img', { name: 'After photo 1' })).toBeVisible();
  await proPage.getByRole('button', { name: 'Complete service' }).click();
  await expect(proPage.getByText('The customer sees this service as completed.')).toBeVisible();

  // The customer reports an issue with the completed work.
  await customerPage.reload();
  await expect(services.getByRole('row', { name: /Touch-up paint/ }).first()).toContainText('Completed');
  await services.getByRole('button', { name: 'Report an issue with Touch-up paint' }).click();
  const dialog = customerPage.getByRole('dialog', { name: 'Report an issue with Touch-up paint' });
  await dialog.getByLabel('What is wrong').fill('Paint drips on the hallway baseboard');
  await dialog.getByLabel('Add a photo of the issue').setInputFiles(await photo('drip.jpg', '#ffffff'));
  await expect(dialog.getByRole('img', { name: 'Issue photo 1' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Report issue' }).click();
  await expect(dialog).toBeHidden();

  // Staff turn it into a punch-back line on the same turn, for the same pro.
  const staffPage = await onPhone(browser);
  await signInAsDemoStaff(staffPage);
  await staffPage.goto('/console/rework');
  const card = staffPage.getByRole('article', { name: /Touch-up paint, Unit 106 · Cedar Ridge/ });
  await expect(card).toContainText('Paint drips on the hallway baseboard');
  await expect(card.getByRole('img', { name: 'Issue photo 1' })).toBeVisible();
  await card.getByRole('button', { name: 'Create rework line' }).click();
  const rework = staffPage.getByRole('dialog');
  await rework.getByLabel('Pro', { exact: true }).selectOption({ label: pro.name });
  await rework.getByRole('button', { name: 'Create rework line' }).click();
  await expect(rework).toBeHidden();
  await staffPage.getByText('Scheduled', { exact: true }).click();
  await expect(staffPage.getByRole('article', { name: /Touch-up paint, Unit 106/ })).toContainText('Rework line added');

  const turn = await (await request.get(`/api/staff/turns/${turnId}`)).json();
  expect(turn.lines.filter((line: { reworkOfServiceLineId: string | null }) => line.reworkOfServiceLineId)).toEqual([
    expect.objectContaining({ priceCents: 0, status: 'scheduled' }),
  ]);
});
