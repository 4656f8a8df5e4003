import { expect, test, type Page } from '@playwright/test';
import { customerWithTurn, settled } from './support.ts';

// The portal is used on site, from a phone: no page may scroll sideways at 390 px (an iPhone 14's width).
test.use({ viewport: { width: 390, height: 844 } });

/** Neither the page nor anything in it (a table in its own scroller, a drawer's body) reaches past the screen. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const wide = await page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`the page (${document.documentElement.scrollWidth}px)`);
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      const scroller = ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
      if (box.right > width + 1 || (scroller && element.scrollWidth > element.clientWidth + 1))
        found.push(
          `${element.tagName.toLowerCase()}.${element.className.toString().split(' ')[0]} (${Math.round(box.right)}px, scrolls ${element.scrollWidth}/${element.clientWidth})`,
        );
    }
    return found.slice(0, 8);
  });
  expect(wide, `${label} is wider than the 390 px screen`).toEqual([]);
}

test('every portal page fits a 390 px phone screen', async ({ page }) => {
  for (const path of ['/portal/sign-in', '/portal/forgot-password', '/portal/sign-up', '/portal/sign-up/request']) {
    await page.goto(path);
    await settled(page);
    await expectNoSidewaysScroll(page, path);
  }
  const { accountId, turnId } = await customerWithTurn(page.request, 'phoebe.lane', '2027-05-03');
  for (const path of [
    '/portal/home',
    `/portal/properties/${accountId}?tab=calendar`,
    `/portal/properties/${accountId}?tab=board`,
    `/portal/properties/${accountId}?tab=settings`,
    `/portal/turns/${turnId}`,
    '/portal/password',
    '/portal/account',
  ]) {
    await page.goto(path);
    await settled(page);
    await expectNoSidewaysScroll(page, path);
  }

  await page.goto(`/portal/properties/${accountId}`);
  await settled(page);
  await page.getByRole('button', { name: 'New turn' }).click();
  const drawer = page.getByRole('dialog', { name: 'New turn' });
  await drawer.getByRole('combobox', { name: 'Unit' }).fill('101');
  await page.getByRole('option', { name: /^101/ }).click();
  await drawer.getByLabel('Move-out').fill('2027-05-03');
  await expect(drawer.getByRole('checkbox', { name: /^Order / }).first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'the New turn drawer');
  // The total and the save button stay on screen however long the form is.
  await expect(drawer.getByLabel('Estimated total')).toBeInViewport();
  await expect(drawer.getByRole('button', { name: 'Save turn' })).toBeInViewport();
});
