import { generateCode } from '../../src/core/otp';
import { expect, test } from './fixtures';
import { addAccounts, DEMO_SECRET } from './helpers';
import { oathtoolTotp } from './oathtool';
import {
  expectLiveCode,
  oathtoolHotp,
  oathtoolTotpWith,
  popupWith,
  randomSecret,
  rowFor,
  shownCode,
  steamReference,
} from './popup-helpers';

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
    const shown = digitsOf((await row.locator('[data-testid="code"]').first().textContent()) ?? '');
    const after = Math.floor(Date.now() / 1000);
    expect(Math.floor(before / 30)).toBe(Math.floor(after / 30));
    expect(shown).toBe(oathtoolTotp(DEMO_SECRET, before));
  }).toPass({ timeout: 10_000 });
});

test.describe('codes for every kind of account', () => {
  const sha1 = randomSecret();
  const sha256 = randomSecret(35);
  const sha512 = randomSecret(65);
  const steam = randomSecret();
  const hotp = randomSecret();
  const hotpCounter = 7 + Math.floor(Math.random() * 1000);

  test('TOTP SHA1/SHA256/SHA512, Steam and HOTP all agree with the references', async ({ openPopup }) => {
    const popup = await popupWith(openPopup, [
      { issuer: 'Sha One', label: 'six@example.test', secret: sha1 },
      {
        issuer: 'Sha Two',
        label: 'eight@example.test',
        secret: sha256,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      },
      { issuer: 'Sha Five', label: 'seven@example.test', secret: sha512, algorithm: 'SHA512', digits: 7 },
      { type: 'steam', issuer: 'Steam', label: 'gamer', secret: steam, digits: 5 },
      {
        type: 'hotp',
        issuer: 'Counter Bank',
        label: 'hotp@example.test',
        secret: hotp,
        counter: hotpCounter,
      },
    ]);

    const sha1Row = rowFor(popup, 'Sha One', 'six@example.test');
    await expectLiveCode(sha1Row, (now) => oathtoolTotpWith(sha1, now));
    expect(await shownCode(sha1Row)).toMatch(/^\d{6}$/);

    const sha256Row = rowFor(popup, 'Sha Two', 'eight@example.test');
    await expectLiveCode(
      sha256Row,
      (now) => oathtoolTotpWith(sha256, now, { algorithm: 'SHA256', digits: 8, period: 60 }),
      60,
    );
    expect(await shownCode(sha256Row)).toMatch(/^\d{8}$/);
    // Grouped for reading: two halves of four.
    await expect(sha256Row.getByTestId('code')).toHaveText(/^\d{4} \d{4}$/);

    const sha512Row = rowFor(popup, 'Sha Five', 'seven@example.test');
    await expectLiveCode(sha512Row, (now) =>
      oathtoolTotpWith(sha512, now, { algorithm: 'SHA512', digits: 7 }),
    );
    expect(await shownCode(sha512Row)).toMatch(/^\d{7}$/);

    // oathtool has no Steam mode: an independent node:crypto version, cross-checked with the core's own.
    const steamRow = rowFor(popup, 'Steam', 'gamer');
    await expectLiveCode(steamRow, (now) => {
      const reference = steamReference(steam, now);
      expect(generateCode({ ...steamAccount(steam) }, now * 1000)).toBe(reference);
      return reference;
    });
    expect(await shownCode(steamRow)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);

    // HOTP does not move with time; it shows the code at the stored counter, with a "Next code" button.
    const hotpRow = rowFor(popup, 'Counter Bank', 'hotp@example.test');
    expect(await shownCode(hotpRow)).toBe(oathtoolHotp(hotp, hotpCounter));
    await expect(hotpRow.getByRole('button', { name: 'Next code' })).toBeVisible();
  });
});

function steamAccount(secret: string) {
  return {
    type: 'steam' as const,
    issuer: 'Steam',
    label: 'gamer',
    secret,
    algorithm: 'SHA1' as const,
    digits: 5,
    period: 30,
    counter: 0,
  };
}
