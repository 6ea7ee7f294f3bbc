/**
 * Login-page snippets modelled on real two-step pages and on the decoys found next to them. The
 * element(s) the code should go into carry `data-win`; the scorer never reads data-* attributes.
 */
export interface FieldCase {
  name: string;
  html: string;
  expect: 'single' | 'split' | 'none' | 'ambiguous';
  codeLength?: number;
}

const boxes = (n: number, attrs: string, wrap = (box: string) => box) =>
  Array.from({ length: n }, (_, i) => wrap(`<input ${attrs} aria-label="Digit ${i + 1}" data-win>`)).join('');

export const SINGLE_CASES: FieldCase[] = [
  {
    name: 'Google 2-Step Verification (totpPin, aria-label only)',
    expect: 'single',
    html: `<form><h1>2-Step Verification</h1><p>This extra step shows it's really you trying to sign in</p>
      <div>Get a verification code from the <strong>Google Authenticator</strong> app</div>
      <div><input type="tel" class="whsOnd zHQkBf" jsname="YPqjbf" autocomplete="off" aria-label="Enter code"
        name="totpPin" id="totpPin" dir="ltr" data-win><div aria-hidden="true">Enter code</div></div>
      <input type="checkbox" name="TrustDevice" id="trustDevice"><label for="trustDevice">Don't ask again on this device</label>
      <button type="button">Next</button></form>`,
  },
  {
    name: 'Microsoft account "Enter code" (otc, maxlength 8)',
    expect: 'single',
    html: `<form name="f1" method="post"><input type="hidden" name="PPFT" value="x">
      <div role="heading" id="idDiv_SAOTCC_Title">Enter code</div>
      <div id="idDiv_SAOTCC_Description">Enter the code displayed in the Microsoft Authenticator app on your mobile device</div>
      <input name="otc" type="tel" id="idTxtBx_SAOTCC_OTC" autocomplete="off" class="form-control" aria-required="true"
        aria-label="Code" placeholder="Code" maxlength="8" data-win>
      <input type="checkbox" name="rememberMFA" id="idChkBx_SAOTCC_TD"><label for="idChkBx_SAOTCC_TD">Don't ask again for 90 days</label>
      <input type="submit" id="idSubmit_SAOTCC_Continue" value="Verify"></form>`,
  },
  {
    name: 'Microsoft Entra ID "Enter code" next to hidden mfa fields',
    expect: 'single',
    html: `<form><input type="hidden" name="mfaAuthMethod" value="PhoneAppOTP"><input type="hidden" name="otc">
      <div role="heading">Enter code</div><div>Enter the code displayed in the authenticator app on your mobile device</div>
      <input name="otc" type="tel" id="idTxtBx_SAOTCC_OTC" autocomplete="off"
        class="form-control input ext-input text-box ext-text-box" placeholder="Code" aria-label="Code" maxlength="8" data-win>
      <input type="submit" value="Verify"></form>`,
  },
  {
    name: 'GitHub two-factor (one-time-code, pattern)',
    expect: 'single',
    html: `<form action="/sessions/two-factor" method="post"><h1>Two-factor authentication</h1>
      <input type="hidden" name="authenticity_token" value="x"><label for="app_totp">Authentication code</label>
      <input type="text" name="app_otp" id="app_totp" class="form-control input-block" autocomplete="one-time-code"
        inputmode="numeric" pattern="([0-9]{6})|([0-9a-fA-F]{5}-?[0-9a-fA-F]{5})" placeholder="XXXXXX" data-win>
      <button type="submit" class="btn btn-primary btn-block">Verify</button></form>`,
  },
  {
    name: 'GitHub, older markup (name=otp, autocomplete=off)',
    expect: 'single',
    html: `<form><label for="otp">Authentication code</label>
      <input type="text" name="otp" id="otp" autocomplete="off" class="form-control input-block" placeholder="6-digit code" data-win>
      <button type="submit">Verify</button></form>`,
  },
  {
    name: 'DigiD-like Dutch "Voer de controlecode in"',
    expect: 'single',
    html: `<form><h1>Inloggen met DigiD</h1><p>Wij hebben een sms gestuurd naar uw telefoonnummer eindigend op 12.</p>
      <label for="authentication_code">Voer de controlecode in</label>
      <input id="authentication_code" name="authentication[code]" type="text" class="text-field" maxlength="6" autocomplete="off" data-win>
      <button type="submit">Inloggen</button></form>`,
  },
  {
    name: 'Magister-like school platform (placeholder "Code", Dutch heading)',
    expect: 'single',
    html: `<div class="container"><h2>Tweestapsverificatie</h2><p>Open je authenticator-app en voer de 6-cijferige code in.</p>
      <form><div class="form-group"><input type="text" id="otpCode" name="otp" placeholder="Code" inputmode="numeric"
        autocomplete="off" maxlength="6" data-win></div><button type="submit">Inloggen</button></form></div>`,
  },
  {
    name: 'SOMtoday-like "Authenticatiecode"',
    expect: 'single',
    html: `<form><label for="totp">Authenticatiecode</label><input id="totp" name="totpCode" type="tel" data-win>
      <a href="#">Geen toegang tot je authenticator?</a><button type="submit">Verder</button></form>`,
  },
  {
    name: 'Nextcloud TOTP (name=challenge, placeholder)',
    expect: 'single',
    html: `<p>Get the authentication code from the two-factor authentication app on your device.</p>
      <form method="POST" class="totp-form"><input type="hidden" name="requesttoken" value="x">
      <input type="tel" minlength="6" maxlength="10" name="challenge" required autofocus autocomplete="off"
        inputmode="numeric" placeholder="Authentication code" data-win>
      <button class="primary two-factor-submit" type="submit">Submit</button></form>`,
  },
  {
    name: 'Moodle tool_mfa TOTP factor',
    expect: 'single',
    html: `<form class="mform"><div class="fitem"><div class="col-md-3">
      <label for="id_verificationcode">Enter verification code for confirmation</label></div>
      <div class="col-md-9"><input type="text" class="form-control" name="verificationcode" id="id_verificationcode"
        size="10" maxlength="6" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" data-win></div></div>
      <input type="submit" class="btn btn-primary" name="submitbutton" value="Verify code"></form>`,
  },
  {
    name: 'AWS console MFA',
    expect: 'single',
    html: `<form><h2>Multi-factor authentication</h2>
      <p>Type the authentication code from your MFA device below.</p>
      <label for="mfacode">MFA code</label><input type="text" id="mfacode" name="mfacode" autocomplete="off" data-win>
      <button type="submit">Submit</button></form>`,
  },
  {
    name: 'Dutch "Voer de verificatiecode in" on an unnamed-looking field',
    expect: 'single',
    html: `<form><label for="vc">Voer de verificatiecode in</label><input id="vc" name="vc" type="text" data-win></form>`,
  },
  {
    name: 'German "Bestätigungscode" in a wrapping label',
    expect: 'single',
    html: `<form><label>Bestätigungscode <input name="f2" type="text" data-win></label><button>Weiter</button></form>`,
  },
  {
    name: 'French "Code de vérification" as aria-label',
    expect: 'single',
    html: `<form><input type="text" name="f1" aria-label="Code de vérification" data-win></form>`,
  },
  {
    name: 'Spanish "Código de verificación" placeholder',
    expect: 'single',
    html: `<form><input type="text" name="c" placeholder="Código de verificación" data-win></form>`,
  },
  {
    name: 'Italian "Codice di verifica" via aria-labelledby',
    expect: 'single',
    html: `<form><span id="lbl">Codice di verifica</span><div><input type="text" aria-labelledby="lbl" data-win></div></form>`,
  },
  {
    name: 'caption in a preceding span instead of a label',
    expect: 'single',
    html: `<div class="row"><span>Beveiligingscode</span><div><input type="text" name="f" data-win></div></div>`,
  },
  {
    name: 'no words on the field, but numeric, 6 long and under a "Tweestapsverificatie" heading',
    expect: 'single',
    html: `<h2>Tweestapsverificatie</h2><form><input type="text" inputmode="numeric" maxlength="6" data-win>
      <button>Doorgaan</button></form>`,
  },
  {
    name: 'one transparent input drawn over boxes (input-otp style)',
    expect: 'single',
    html: `<div class="otp"><div class="slot"></div><div class="slot"></div><div class="slot"></div>
      <input autocomplete="one-time-code" inputmode="numeric" maxlength="6" pattern="^\\d+$" data-win></div>`,
  },
  {
    name: '"one-time password" in a text field is an OTP, not a password',
    expect: 'single',
    html: `<form><label for="p2">One-time password (OTP)</label><input id="p2" name="password2" type="text" data-win></form>`,
  },
  {
    name: 'VPN portal: username, password and token in one form',
    expect: 'single',
    html: `<form><label for="u">Username</label><input id="u" name="username">
      <label for="pw">Password</label><input type="password" id="pw" name="password">
      <label for="t">Token</label><input id="t" name="token" data-win><button type="submit">Log in</button></form>`,
  },
  {
    name: 'label mentions the phone the code was sent to',
    expect: 'single',
    html: `<form><label for="c">Enter the code we sent to your phone</label><input id="c" name="c" type="tel" data-win></form>`,
  },
  {
    name: 'the code field does not lend its caption to the next, unlabelled field',
    expect: 'single',
    html: `<form><span>Verification code</span><input name="x" data-win><span></span><input name="y"></form>`,
  },
  {
    name: 'TOTP field wins over a recovery-code field on the same page',
    expect: 'single',
    html: `<form><label for="a">Authentication code</label><input id="a" name="otp" data-win></form>
      <form><label for="r">Recovery code</label><input id="r" name="recovery_code"></form>`,
  },
];

export const SPLIT_CASES: FieldCase[] = [
  {
    name: 'six maxlength=1 boxes in one div',
    expect: 'split',
    html: `<form><p>Enter the 6-digit code</p><div class="otp">${boxes(6, 'type="text" maxlength="1" inputmode="numeric"')}</div>
      <button type="submit">Verify</button></form>`,
  },
  {
    name: 'six boxes each in its own wrapper, with a hidden aggregate input',
    expect: 'split',
    html: `<form><input type="hidden" name="otp"><div class="code-inputs">
      ${boxes(6, 'type="tel" maxlength="1" class="code-box"', (b) => `<div class="cell">${b}</div>`)}</div></form>`,
  },
  {
    name: 'six boxes as 3 + 3 with a dash between',
    expect: 'split',
    html: `<div class="otp"><div class="g">${boxes(3, 'maxlength="1"')}</div><span>–</span>
      <div class="g">${boxes(3, 'maxlength="1"')}</div></div>`,
  },
  {
    name: 'eight boxes for an 8-digit code',
    expect: 'split',
    codeLength: 8,
    html: `<div>${boxes(8, 'maxlength="1" inputmode="numeric" autocomplete="one-time-code"')}</div>`,
  },
  {
    name: 'six size=1 boxes without maxlength',
    expect: 'split',
    html: `<div>${boxes(6, 'size="1" type="tel"')}</div>`,
  },
  {
    name: 'six narrow numeric boxes without maxlength (width from layout)',
    expect: 'split',
    html: `<div>${boxes(6, 'inputmode="numeric" data-width="44"')}</div>`,
  },
];

export const DECOY_CASES: FieldCase[] = [
  {
    name: 'six boxes but an 8-digit code',
    expect: 'none',
    codeLength: 8,
    html: `<div>${boxes(6, 'maxlength="1"').replaceAll(' data-win', '')}</div>`,
  },
  {
    name: 'four PIN boxes',
    expect: 'none',
    html: `<div>${boxes(4, 'maxlength="1" type="password"').replaceAll(' data-win', '')}</div>`,
  },
  {
    name: 'postcode next to the code field',
    expect: 'single',
    html: `<form><label for="pc">Postcode</label><input id="pc" name="postcode" maxlength="7" inputmode="numeric">
      <label for="vc">Verificatiecode</label><input id="vc" name="code" data-win></form>`,
  },
  {
    name: 'zip code alone, even with a 6-digit shape',
    expect: 'none',
    html: `<form><label for="z">ZIP code</label><input id="z" name="zip" inputmode="numeric" maxlength="6"></form>`,
  },
  {
    name: 'German PLZ and French code postal',
    expect: 'none',
    html: `<input name="plz" placeholder="PLZ"><input name="cp" placeholder="Code postal">`,
  },
  {
    name: 'coupon code (kortingscode) alone',
    expect: 'none',
    html: `<form><label for="k">Kortingscode</label><input id="k" name="coupon_code" type="text"></form>`,
  },
  {
    name: 'promo code next to the code field',
    expect: 'single',
    html: `<input name="promo" placeholder="Promo code"><input name="otp" autocomplete="one-time-code" data-win>`,
  },
  {
    name: 'phone number',
    expect: 'none',
    html: `<input type="tel" name="phone" autocomplete="tel" placeholder="Telefoonnummer" inputmode="numeric">
      <input type="tel" name="mobiel" placeholder="06 12345678">`,
  },
  {
    name: 'country dial code',
    expect: 'none',
    html: `<label for="lc">Landcode</label><input id="lc" name="dial" type="tel">`,
  },
  {
    name: 'card number, expiry and security code',
    expect: 'none',
    html: `<form><input name="cardnumber" autocomplete="cc-number" inputmode="numeric" maxlength="19">
      <input name="exp" placeholder="MM / YY"><label for="cvc">Security code</label><input id="cvc" name="cvc" maxlength="4">
      <label for="sc">Card security code</label><input id="sc" name="sc"><input name="iban" placeholder="IBAN">
      <label for="v">Security code</label><input id="v" name="v" inputmode="numeric"></form>`,
  },
  {
    name: 'search boxes',
    expect: 'none',
    html: `<input type="search" name="q" placeholder="Zoek op code"><input type="text" name="q" placeholder="Search codes">
      <input type="text" role="searchbox" aria-label="Code zoeken">`,
  },
  {
    name: 'password field labelled "Enter code" (even with one-time-code)',
    expect: 'none',
    html: `<form><label for="p">Enter code</label><input type="password" id="p" name="code" autocomplete="one-time-code"></form>`,
  },
  {
    name: 'text field that is really a password',
    expect: 'none',
    html: `<label for="pw">Wachtwoord</label><input id="pw" name="password" type="text">`,
  },
  {
    name: 'hidden inputs named otp',
    expect: 'none',
    html: `<input type="hidden" name="otp"><div style="display:none"><input name="otp"></div><input name="totp" hidden>`,
  },
  {
    name: 'read-only code field',
    expect: 'none',
    html: `<label for="o">Verification code</label><input id="o" name="otp" readonly value="123456">`,
  },
  {
    name: 'disabled fieldset',
    expect: 'none',
    html: `<fieldset disabled><label for="o">Verification code</label><input id="o" name="otp"></fieldset>`,
  },
  {
    name: 'maxlength=4 "code" field',
    expect: 'none',
    html: `<label for="c">Code</label><input id="c" name="code" maxlength="4">`,
  },
  {
    name: 'pattern the code cannot match',
    expect: 'none',
    html: `<input name="code" pattern="[A-Z]{4}" placeholder="Code">`,
  },
  {
    name: 'captcha',
    expect: 'none',
    html: `<img alt="" src="captcha.png"><input name="captcha_code" placeholder="Enter the code shown above">`,
  },
  {
    name: 'email and username fields',
    expect: 'none',
    html: `<input type="email" name="code_email"><input type="text" name="email" placeholder="E-mailadres">
      <input name="login" placeholder="Gebruikersnaam">`,
  },
  {
    name: 'an ordinary form under a two-step heading',
    expect: 'none',
    html: `<h2>Two-step verification</h2><form><input name="firstname" placeholder="Voornaam"><input name="city"></form>`,
  },
  {
    name: 'two identical code fields',
    expect: 'ambiguous',
    html: `<form><input name="otp"></form><form><input name="otp"></form>`,
  },
];
