// The demo page: logs in through the web application, runs the chain, and draws what happened from the trace
// the web application assembled (each hop: what the caller sent, what the API received, or the hop's error).
// No library: the sequence picture is SVG built here from the recorded hops.
'use strict';

const HIGHLIGHT = ['aud', 'client_id', 'act', 'cnf'];
const $ = (id) => document.getElementById(id);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Pretty JSON of an object with its top-level aud, client_id, act and cnf members highlighted.
function jsonHtml(obj) {
  if (!obj || typeof obj !== 'object') {
    return escapeHtml(JSON.stringify(obj));
  }
  const keys = Object.keys(obj);
  const lines = keys.map((k, i) => {
    const value = JSON.stringify(obj[k], null, 2).replace(/\n/g, '\n  ');
    const line = escapeHtml(`  "${k}": ${value}`) + (i < keys.length - 1 ? ',' : '');
    return HIGHLIGHT.includes(k) ? `<span class="hl" data-claim="${escapeHtml(k)}">${line}</span>` : line;
  });
  return `{\n${lines.join('\n')}\n}`;
}

// The actors of a token, outermost first: act.sub, act.act.sub, ...
function actors(claims) {
  const list = [];
  for (let act = claims && claims.act; act; act = act.act) {
    list.push(act.sub);
  }
  return list;
}

function shortName(id) {
  if (Array.isArray(id)) {
    return id.map(shortName).join(' ');
  }
  const names = {
    'https://app.enachain.test': 'app', 'https://api-a.enachain.test': 'API A',
    'https://api-b.enachain.test': 'API B', 'https://partner.domain-b.enachain.test': 'partner API',
    'https://api-a.partners.domain-b.enachain.test': 'API A (at domain-b)',
  };
  return names[id] || id;
}

function issuerName(iss) {
  return iss ? 'STS ' + iss.replace(/\/+$/, '').split('/').pop() : 'STS';
}

function tokenView(title, seen) {
  if (!seen || !seen.claims) {
    return `<div><h4>${escapeHtml(title)}</h4><p>no token</p></div>`;
  }
  const c = seen.claims;
  const chain = actors(c);
  const jkt = c.cnf && c.cnf.jkt;
  return `<div class="token"><h4>${escapeHtml(title)}</h4>
    <p class="summary">aud <b>${escapeHtml(Array.isArray(c.aud) ? c.aud.join(' ') : c.aud)}</b>,
      client_id <b>${escapeHtml(c.client_id)}</b>${chain.length
        ? `, act <b class="act-chain">${escapeHtml(chain.map(shortName).join(' → '))}</b>` : ''}</p>
    <p class="jkt">cnf.jkt: <span class="cnf-jkt">${escapeHtml(jkt || '(not DPoP-bound)')}</span><br>
      DPoP proof key: <span class="proof-jkt">${escapeHtml(seen.proof_jkt || '(no proof)')}</span>
      ${jkt && seen.proof_jkt ? (jkt === seen.proof_jkt ? '✓ match' : '✗ differ') : ''}</p>
    <h4>header</h4><pre class="json header">${jsonHtml(seen.header)}</pre>
    <h4>claims</h4><pre class="json claims">${jsonHtml(c)}</pre></div>`;
}

function errorText(error) {
  if (!error) {
    return '';
  }
  const parts = [];
  if (error.status) parts.push(`HTTP ${error.status}`);
  if (error.kind) parts.push(error.kind);
  if (error.error) parts.push(error.error);
  if (error.message) parts.push(error.message);
  if (error.www_authenticate) parts.push(`WWW-Authenticate: ${error.www_authenticate}`);
  if (error.body) parts.push(JSON.stringify(error.body));
  return parts.join(' — ');
}

function renderHops(trace) {
  $('hops').innerHTML = trace.hops.map((hop, i) => `
    <div class="hop ${hop.ok ? 'ok' : 'failed'}" data-hop="${i}" data-to="${escapeHtml(hop.to)}">
      <h3>${i + 1}. ${escapeHtml(hop.from)} → ${escapeHtml(hop.to)}
        <span class="how">(${escapeHtml(hop.how)})</span></h3>
      ${hop.ok ? '' : `<p class="error">✗ ${escapeHtml(errorText(hop.error))}</p>`}
      <div class="columns">
        ${tokenView(`sent by ${hop.from}`, hop.sent)}
        ${hop.received ? tokenView(`received by ${hop.to}`, hop.received) : '<div></div>'}
      </div>
    </div>`).join('');
}

// The steps of the sequence picture, derived from the hops: the token requests each token implies (its iss),
// the calls, and their answers.
function steps(trace) {
  const out = [];
  const first = trace.hops[0];
  const tokensSeen = new Set();
  for (const hop of trace.hops) {
    const token = hop.sent && hop.sent.claims;
    const cached = token && tokensSeen.has(token.jti);
    if (token) tokensSeen.add(token.jti);
    if (hop === first && token) {
      out.push({ from: 'browser', to: issuerName(token.iss), label: `log in as ${trace.user}` });
      out.push({ from: hop.from, to: issuerName(token.iss), label: 'code + PKCE, private_key_jwt, DPoP' });
      out.push({ from: issuerName(token.iss), to: hop.from, label: `token aud ${shortName(token.aud)}`, answer: true });
    } else if (cached) {
      // The same token as an earlier hop (enachain's cache): no token request.
    } else if (token) {
      const home = first.sent && first.sent.claims && first.sent.claims.iss;
      if (home && token.iss !== home) {
        out.push({ from: hop.from, to: issuerName(home), label: 'token exchange → JWT grant' });
        out.push({ from: issuerName(home), to: hop.from, label: 'grant', answer: true });
        out.push({ from: hop.from, to: issuerName(token.iss), label: 'jwt-bearer + DPoP' });
      } else {
        out.push({ from: hop.from, to: issuerName(token.iss), label: 'token exchange + DPoP' });
      }
      out.push({ from: issuerName(token.iss), to: hop.from, label: `token aud ${shortName(token.aud)}`, answer: true });
    }
    if (!token && !hop.ok) {
      out.push({ from: hop.from, to: hop.to, label: `✗ ${errorText(hop.error)}`, failed: true, undelivered: true });
      continue;
    }
    out.push({ from: hop.from, to: hop.to,
      label: `GET${cached ? ' (cached token)' : ''}, DPoP jkt ${(hop.sent && hop.sent.proof_jkt || '').slice(0, 8)}…` });
    out.push(hop.ok
      ? { from: hop.to, to: hop.from, label: '200 OK', answer: true }
      : { from: hop.to, to: hop.from, label: `✗ ${errorText(hop.error)}`, answer: true, failed: true });
  }
  // API A answers the web app last.
  if (first && first.ok) {
    const i = out.findIndex((s) => s.from === first.to && s.to === first.from);
    if (i >= 0) out.push(out.splice(i, 1)[0]);
  }
  return out;
}

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderSequence(trace) {
  const list = steps(trace);
  const order = ['browser', 'web app', 'API A', 'API B', 'partner API'];
  const participants = [];
  for (const s of list) {
    for (const p of [s.from, s.to]) if (!participants.includes(p)) participants.push(p);
  }
  participants.sort((a, b) => {
    const rank = (p) => (order.includes(p) ? order.indexOf(p) : 10 + p.localeCompare('STS domain-b'));
    return rank(a) - rank(b);
  });
  const gap = 175, top = 50, rowH = 34, width = gap * participants.length, height = top + rowH * (list.length + 1);
  const x = (p) => gap / 2 + participants.indexOf(p) * gap;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'sequence' });
  const defs = el('defs', {});
  for (const [id, color] of [['arrow', '#2557d6'], ['arrow-fail', '#c22']]) {
    const m = el('marker', { id, markerWidth: 10, markerHeight: 8, refX: 9, refY: 4, orient: 'auto' });
    m.appendChild(el('path', { d: 'M0,0 L10,4 L0,8 z', fill: color }));
    defs.appendChild(m);
  }
  svg.appendChild(defs);
  for (const p of participants) {
    svg.appendChild(el('rect', { x: x(p) - 70, y: 8, width: 140, height: 26, rx: 4, fill: '#e8eefc', stroke: '#2557d6' }));
    svg.appendChild(el('text', { x: x(p), y: 26, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 'bold' }, p));
    svg.appendChild(el('line', { x1: x(p), y1: 34, x2: x(p), y2: height - 6, stroke: '#9aa6bd', 'stroke-dasharray': '4 4' }));
  }
  list.forEach((s, i) => {
    const y = top + rowH * (i + 0.7);
    const x1 = x(s.from), x2 = x(s.to);
    const color = s.failed ? '#c22' : '#2557d6';
    const end = s.undelivered ? x1 + (x2 - x1) * 0.55 : x2 - Math.sign(x2 - x1) * 2;
    svg.appendChild(el('line', { x1, y1: y, x2: end, y2: y, stroke: color, 'stroke-width': 1.6,
      'stroke-dasharray': s.answer ? '6 4' : 'none', 'marker-end': `url(#${s.failed ? 'arrow-fail' : 'arrow'})`,
      class: 'step', 'data-from': s.from, 'data-to': s.to }));
    const label = s.label.length > 60 ? s.label.slice(0, 57) + '…' : s.label;
    svg.appendChild(el('text', { x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle', 'font-size': 11.5, fill: color }, label));
  });
  $('sequence').replaceChildren(svg);
}

function showMessage(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

async function refresh() {
  const session = await (await fetch('api/session', { cache: 'no-store' })).json();
  $('who').textContent = session.loggedIn
    ? `Logged in as ${session.name} (sub ${session.subject}); the web app's DPoP key (jkt): ${session.dpop_jkt}`
    : 'Not logged in.';
  $('login').hidden = session.loggedIn;
  $('call').hidden = !session.loggedIn;
  $('call-refused').hidden = !session.loggedIn;
  $('logout').hidden = !session.loggedIn;
}

async function callChain(refused) {
  showMessage('');
  $('call').disabled = true;
  $('call-refused').disabled = true;
  delete document.body.dataset.chain;
  try {
    const answer = await fetch(refused ? 'api/chain?refused=true' : 'api/chain', { method: 'POST' });
    const trace = await answer.json();
    if (!answer.ok) {
      showMessage(trace.error || `HTTP ${answer.status}`);
      return;
    }
    renderSequence(trace);
    renderHops(trace);
    $('answers').textContent = JSON.stringify(trace.answers, null, 2);
    $('trace').hidden = false;
    document.body.dataset.chain = trace.hops.every((h) => h.ok) ? 'ok' : 'failed';
  } catch (e) {
    showMessage(`The call failed: ${e}`);
  } finally {
    $('call').disabled = false;
    $('call-refused').disabled = false;
  }
}

$('call').addEventListener('click', () => callChain(false));
$('call-refused').addEventListener('click', () => callChain(true));
$('logout').addEventListener('click', async () => {
  await fetch('api/logout', { method: 'POST' });
  $('trace').hidden = true;
  await refresh();
});

const params = new URLSearchParams(location.search);
if (params.get('login-failed')) {
  showMessage(`Login failed: ${params.get('login-failed')}`);
}
refresh();
