// A real OpenID Provider for prepmeet's single sign-on tests: panva's oidc-provider (OpenID Certified), with
// small login and consent pages of its own (a password is checked) and nothing fetched from the internet.
//
//   node provider.mjs CONFIG.json
//
// CONFIG (written by the test, testsupport/oidc.py): {"port", "issuer", "clients": [client metadata],
// "users": {login: {"password", "sub"?, claims...}}}. It prints "listening" once it serves.
//
// Test-only controls, on the loopback: POST /__test__/users replaces the users (a changed e-mail address);
// POST /__test__/tamper {"mode"} rewrites the ID token of the next token responses as a hostile or broken
// provider would: "issuer", "audience", "azp", "expired", "signature" ({"mode": null} stops it).
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseQuery } from 'node:querystring';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let users = config.users;
let tamper = null;

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey;
}
const privateKey = signingKey();
const kid = createHash('sha256').update(randomBytes(16)).digest('hex').slice(0, 16);
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Test City ID</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const base64url = (input) => Buffer.from(input).toString('base64url');

function sign(payload, key) {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key);
  return `${header}.${body}.${signature.toString('base64url')}`;
}

// What a hostile or misconfigured provider would send instead of the genuine ID token.
function tampered(idToken, mode) {
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case 'issuer': return sign({ ...claims, iss: `${config.issuer}/another-tenant` }, privateKey);
    case 'audience': return sign({ ...claims, aud: 'another-client', azp: 'another-client' }, privateKey);
    case 'azp': return sign({ ...claims, aud: [claims.aud, 'another-client'], azp: 'another-client' }, privateKey);
    case 'expired': return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, privateKey);
    case 'signature': return sign(claims, signingKey()); // same kid, another key
    default: throw new Error(`unknown tamper mode ${mode}`);
  }
}

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'upn'],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out of Test City ID?', `${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out of Test City ID', '<p>You are signed out.</p>');
      },
    },
  },
  pkce: { methods: ['S256'], required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const entry = Object.entries(users).find(([login, user]) => (user.sub || login) === id);
    if (!entry) return undefined;
    const [login, { password, sub, ...claims }] = entry;
    return { accountId: id, claims: async () => ({ sub: sub || login, ...claims }) };
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Test City ID error', `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
  },
});
provider.proxy = false;

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function interaction(ctx) {
  const [, , uid, action] = ctx.path.split('/');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
  const client = await provider.Client.find(details.params.client_id);
  if (ctx.method === 'GET' && details.prompt.name === 'login') {
    ctx.type = 'html';
    ctx.body = page('Sign in to Test City ID', `<form method="post" action="/interaction/${uid}/login">
<p><label for="login">Username</label> <input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
<p><button type="submit">Sign in</button></p></form>`);
    return;
  }
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = page(`Allow ${client.clientName || client.clientId}?`, `<form method="post" action="/interaction/${uid}/confirm">
<p>${escapeHtml(client.clientName || client.clientId)} asks for: ${escapeHtml(details.params.scope)}.</p>
<p><button type="submit">Allow</button></p></form>`);
    return;
  }
  const form = parseQuery(await readBody(ctx.req));
  if (action === 'login') {
    const user = users[form.login];
    if (!user || user.password !== form.password) {
      ctx.type = 'html';
      ctx.status = 401;
      ctx.body = page('Wrong username or password', `<p><a href="/interaction/${uid}">Try again</a></p>`);
      return;
    }
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: user.sub || form.login } });
    return;
  }
  const { session, prompt } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: details.params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test__/users' && ctx.method === 'POST') {
    users = JSON.parse(await readBody(ctx.req));
    ctx.status = 204;
    return;
  }
  if (ctx.path === '/__test__/tamper' && ctx.method === 'POST') {
    tamper = JSON.parse(await readBody(ctx.req)).mode;
    ctx.status = 204;
    return;
  }
  if (ctx.path.startsWith('/interaction/')) {
    await interaction(ctx);
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: tampered(ctx.body.id_token, tamper) };
  }
});

provider.listen(config.port, '127.0.0.1', () => {
  console.log('listening');
});
