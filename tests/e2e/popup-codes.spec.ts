import { expect, test } from './fixtures';
import { addAccounts, DEMO_SECRET } from './helpers';
import { oathtoolTotp } from './oathtool';

const digitsOf = (text: string) => text.replace(/\D/g, '');

test('the popup shows a seeded account with the same code as oathtool', async ({ openPopup }) => {
  const seeder = await openPopup();
  await addAccounts(seeder, [
    { issuer: 'Demo School', label: 'teacher@demo-school.test', secret: DEMO_SECRET },
  ]);
  await seeder.close();

  const popup = await openPopup();
  const row = popup.getByRole('listitem', { name: /Demo School.*teacher@demo-school\.test/ });
  await expect(row).toBeVisible();
  // Read the code and the time together, retrying across a period boundary.
  await expect(async () => {
    const before = Math.floor(Date.now() / 1000);
    const shown = digitsOf((await row.locator('[data-testid="code"]').first().textContent()).trim());
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / 30)).toBe(Math.floor(after / 30));
    expect(shown).toBe(oathtoolTotp(DEMO_SECRET, before));
  }).toPass({ timeout: 10_000 });
});
