/**
 * Unlock with Windows Hello, Touch ID or a security key. The ceremony itself runs in the page (the
 * worker has no `navigator.credentials`); the page hands over the authenticator's PRF answer, and the
 * worker alone turns it into the key slot or the unlocked vault (`src/vault/authenticator-slots.ts`).
 */
import { fromBase64Url, toBase64Url } from '../core/crypto/base64url';
import type { Bytes } from '../core/crypto/bytes';
import { fail, ok, type Result } from '../core/errors';
import type { AuthenticatorEntry } from '../messaging/protocol';
import type { BackgroundRouter } from '../messaging/router';
import type { AuthenticatorInfo } from '../vault/authenticator-slots';
import { accounts, getVault, rememberSessionKey, status, touch } from './vault-service';

const entry = (info: AuthenticatorInfo): AuthenticatorEntry => ({
  credentialId: toBase64Url(info.credentialId),
  name: info.name,
  createdAt: info.createdAt,
  transports: info.transports,
});

function decode(text: string, what: string): Result<Bytes> {
  const bytes = fromBase64Url(text);
  return bytes ? ok(bytes) : fail('invalid-input', { message: `${what} is not base64url` });
}

export function registerAuthenticatorHandlers(router: BackgroundRouter): void {
  router.on('vault.authenticators', async () => {
    const listed = await (await getVault()).authenticatorOptions();
    if (!listed.ok) return listed;
    return ok({
      prfSalt: toBase64Url(listed.value.prfSalt),
      authenticators: listed.value.authenticators.map(entry),
    });
  });

  router.on('vault.authenticatorSalt', async () => {
    const salt = await (await getVault()).prfSaltForRegistration();
    return salt.ok ? ok({ prfSalt: toBase64Url(salt.value) }) : salt;
  });

  router.on('vault.addAuthenticator', async ({ credentialId, name, transports, prf }) => {
    const id = decode(credentialId, 'credentialId');
    const output = decode(prf, 'prf');
    if (!id.ok) return id;
    if (!output.ok) return output;
    // Through the store's key queue: a password change at the same moment is seen whole or not at all.
    const added = await accounts.writeKeys((vault) =>
      vault.addAuthenticator({ credentialId: id.value, name, transports }, output.value),
    );
    await touch();
    return added.ok ? ok(entry(added.value)) : added;
  });

  router.on('vault.removeAuthenticator', async ({ credentialId }) => {
    const id = decode(credentialId, 'credentialId');
    if (!id.ok) return id;
    const removed = await accounts.writeKeys((vault) => vault.removeAuthenticator(id.value));
    await touch();
    return removed.ok ? ok(null) : removed;
  });

  router.on('vault.unlockWithAuthenticator', async ({ credentialId, prf }) => {
    const id = decode(credentialId, 'credentialId');
    const output = decode(prf, 'prf');
    if (!id.ok) return id;
    if (!output.ok) return output;
    const vault = await getVault();
    const unlocked = await vault.unlockWithAuthenticator(id.value, output.value);
    if (!unlocked.ok) return unlocked;
    await rememberSessionKey(vault);
    await touch();
    return status(vault);
  });
}
