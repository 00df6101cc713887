/* The refund-ledger dashboard: a small single-page app over the query side's JSON API. It reads only the existing
   query endpoints, with the session cookie of the sign-in form; what a user may see is decided by the API (the
   navigation merely hides what their roles cannot read). State lives in the URL hash, e.g.
   #/reasons?from=2026-09-01&to=2026-09-30&granularity=WEEK&groupBy=reason, so every view can be linked. */
(function () {
  'use strict';

  const ALL = ['CUSTOMER_SERVICE', 'REVIEWER', 'FINANCE', 'AUDITOR', 'ADMIN'];
  const MANAGEMENT = ['REVIEWER', 'FINANCE', 'AUDITOR', 'ADMIN'];
  const PAGE_SIZE = 10;
  const state = {me: null, charts: [], timer: null};
  const t = (key, values) => I18N.t(key, values);
  const code = value => I18N.code(value);
  const lang = () => I18N.current();

  // ------------------------------------------------------------------------------------------------- API access

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && problem.detail) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /* Same-origin calls ride on the session cookie; X-Requested-With keeps the browser's own password dialog away. */
  async function api(path, options) {
    const method = (options && options.method) || 'GET';
    const headers = {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
    const response = await fetch(path, {method, headers, credentials: 'same-origin'});
    if (response.status === 401) {
      location.href = '/login.html';
      throw new ApiError(401, {detail: t('unauthenticated')});
    }
    if (!response.ok) {
      let problem = {};
      try { problem = await response.json(); } catch (ignored) { /* not a problem document */ }
      throw new ApiError(response.status, problem);
    }
    return response.json();
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, v);
    return search.toString();
  }

  // --------------------------------------------------------------------------------------------------- formatting

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  function instant(iso) {
    if (!iso) return t('none');
    return new Intl.DateTimeFormat(lang(), {timeZone: state.me.businessZone, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(new Date(iso));
  }

  function money(m) {
    if (!m) return t('none');
    return new Intl.NumberFormat(lang(), {style: 'currency', currency: m.currency}).format(Number(m.amount));
  }

  /* Amounts per currency ({"CNY": "1500.00"}): never added across currencies. */
  function amounts(map) {
    const entries = Object.entries(map || {});
    return entries.length ? entries.map(([currency, amount]) => money({currency, amount})).join('<br>') : t('none');
  }

  function number(n) {
    return n === null || n === undefined ? t('none') : new Intl.NumberFormat(lang()).format(n);
  }

  function rate(r) {
    return r === null || r === undefined ? t('none')
      : new Intl.NumberFormat(lang(), {style: 'percent', maximumFractionDigits: 1}).format(Number(r));
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return t('none');
    const zh = lang() === 'zh-CN';
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.round(seconds % 3600 / 60);
    if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`;
    if (h > 0) return zh ? `${h}小时${m}分` : `${h} h ${m} min`;
    return zh ? `${m}分钟` : `${m} min`;
  }

  function badge(value) {
    return `<span class="badge ${esc(value)}">${esc(code(value))}</span>`;
  }

  /* Today in the business zone, as an ISO date: the default period ends there. */
  function today() {
    return new Intl.DateTimeFormat('en-CA', {timeZone: state.me.businessZone}).format(new Date());
  }

  function daysBefore(isoDate, days) {
    const d = new Date(isoDate + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  }

  /* A wall-clock time in the business zone (from a datetime-local input) as an instant. */
  function zonedToInstant(local, zone) {
    const offset = date => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {timeZone: zone, hourCycle: 'h23', year: 'numeric',
        month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'})
        .formatToParts(date).map(x => [x.type, x.value]));
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(date.getTime() / 1000) * 1000;
    };
    const asUtc = new Date(local.length === 16 ? local + ':00Z' : local + 'Z');
    let guess = new Date(asUtc.getTime() - offset(asUtc));
    guess = new Date(asUtc.getTime() - offset(guess));
    return guess.toISOString();
  }

  // ------------------------------------------------------------------------------------------------ page building

  function table(id, columns, rows, options) {
    const head = columns.map(c => `<th class="${c.num ? 'num' : ''} ${c.sort ? 'sortable' : ''}" ${c.sort ? `data-sort="${c.sort}"` : ''}>${esc(c.label)}</th>`).join('');
    const body = rows.length ? rows.map(row => `<tr>${columns.map(c => `<td class="${c.num ? 'num' : ''}">${c.html(row)}</td>`).join('')}</tr>`).join('')
      : `<tr><td colspan="${columns.length}" class="muted">${t('notFound')}</td></tr>`;
    const foot = options && options.foot ? `<tfoot><tr>${columns.map(c => `<th class="${c.num ? 'num' : ''}">${options.foot(c)}</th>`).join('')}</tr></tfoot>` : '';
    return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table>`;
  }

  function pager(id, view, param) {
    if (!view.total) return '';
    const from = view.offset + 1, to = Math.min(view.offset + view.items.length, view.total);
    return `<div class="pager" id="${id}">
      <button class="secondary" data-offset="${Math.max(0, view.offset - view.limit)}" data-param="${param}" ${view.offset === 0 ? 'disabled' : ''}>${t('previous')}</button>
      <span>${t('page', {from, to, total: view.total})}</span>
      <button class="secondary" data-offset="${view.offset + view.limit}" data-param="${param}" ${to >= view.total ? 'disabled' : ''}>${t('next')}</button></div>`;
  }

  function wirePagers(root, params) {
    root.querySelectorAll('.pager button[data-offset]').forEach(b => b.addEventListener('click', () =>
      go(currentRoute(), Object.assign({}, params, {[b.dataset.param]: b.dataset.offset}))));
  }

  function message(kind, html, id) {
    return `<div class="message ${kind}" ${id ? `id="${id}"` : ''}>${html}</div>`;
  }

  /* A refusal by the API is shown as such: which roles the user has, and the problem the API answered. */
  function problemHtml(error) {
    const p = error.problem || {};
    const said = `<br><small>${esc(error.status)} ${esc(p.code || '')}: ${esc(p.detail || error.message)}</small>`;
    if (error.status === 403) return message('forbidden', esc(t('forbidden', {roles: state.me.roles.join(', ')})) + said, 'forbidden');
    if (error.status === 404) return message('info', esc(t('notFound')) + said, 'not-found');
    return message('error', esc(t('error')) + said, 'problem');
  }

  function chart(el, option, summary) {
    const instance = echarts.init(el);
    instance.setOption(Object.assign({animation: false, tooltip: {trigger: 'axis'}, legend: {type: 'scroll', top: 0},
      grid: {left: 60, right: 20, top: 60, bottom: 40}}, option));
    // What the chart shows, for people with screen readers and for the browser tests.
    el.dataset.summary = summary;
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', summary);
    state.charts.push(instance);
    return instance;
  }

  function periodForm(params, extra) {
    return `<form class="filters card" id="filters">
      <label>${t('from')}<input type="date" name="from" value="${esc(params.from)}" required></label>
      <label>${t('to')}<input type="date" name="to" value="${esc(params.to)}" required></label>
      ${extra || ''}
      <button type="submit" id="apply">${t('show')}</button></form>`;
  }

  function select(name, values, current, labels) {
    return `<select name="${name}">${values.map(v => `<option value="${v}" ${v === current ? 'selected' : ''}>${esc(labels ? labels(v) : t(v))}</option>`).join('')}</select>`;
  }

  function wireForm(root, params, id) {
    const form = root.querySelector('#' + (id || 'filters'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      go(currentRoute(), Object.assign({}, params, values));
    });
  }

  function withPeriod(params, days) {
    const to = params.to || today();
    return Object.assign({}, params, {to, from: params.from || daysBefore(to, days)});
  }

  // ---------------------------------------------------------------------------------------------- find a refund

  async function findPage(root, params) {
    root.innerHTML = `<h2>${t('nav_find')}</h2>
      <form class="filters card" id="find-form">
        <label>${t('applicationNumber')}<input name="number" id="find-number" value="${esc(params.number)}" size="28"></label>
        <label>${t('orderId')}<input name="order" id="find-order" value="${esc(params.order)}"></label>
        <label>${t('customerId')}<input name="customer" id="find-customer" value="${esc(params.customer)}"></label>
        <button type="submit" id="find-submit">${t('search')}</button></form><div id="result"></div>`;
    root.querySelector('#find-form').addEventListener('submit', event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(event.target).entries());
      go('find', values.number ? {number: values.number.trim()} : values.order ? {order: values.order.trim()} : {customer: values.customer.trim()});
    });
    const result = root.querySelector('#result');
    if (params.number) {
      result.innerHTML = progressHtml(await api('/api/refunds/' + encodeURIComponent(params.number)));
    } else if (params.order || params.customer) {
      const list = await api('/api/refunds?' + query({orderId: params.order, customerId: params.customer}));
      let html = `<div class="card"><h3>${t('matches', {n: list.length})}</h3>` + table('matches', [
        {label: t('applicationNumber'), html: r => `<a href="#/find?number=${encodeURIComponent(r.applicationNumber)}">${esc(r.applicationNumber)}</a>`},
        {label: t('status'), html: r => badge(r.status)},
        {label: t('customerId'), html: r => `<a href="#/find?customer=${encodeURIComponent(r.customerId)}">${esc(r.customerId)}</a>`},
        {label: t('orderId'), html: r => `<a href="#/find?order=${encodeURIComponent(r.orderId)}">${esc(r.orderId)}</a>`},
        {label: t('requested'), num: true, html: r => money(r.requestedAmount)},
        {label: t('submitted'), html: r => instant(r.submittedAt)}], list) + '</div>';
      if (params.order) html += orderTotalsHtml(await api('/api/orders/' + encodeURIComponent(params.order) + '/refunds'));
      result.innerHTML = html;
    } else {
      result.innerHTML = message('info', esc(t('findHint')));
    }
  }

  function orderTotalsHtml(order) {
    return `<div class="card" id="order-totals"><h3>${t('orderTotals')}: ${esc(order.orderId)}</h3>` + table('order-totals-table', [
      {label: 'Currency', html: r => esc(r.currency)}, {label: t('paid'), num: true, html: r => money(r.paid)},
      {label: t('requested'), num: true, html: r => money(r.requested)}, {label: t('approved'), num: true, html: r => money(r.approved)},
      {label: t('reserved'), num: true, html: r => money(r.reserved)}, {label: t('paidOut'), num: true, html: r => money(r.paidOut)},
      {label: t('stillRefundable'), num: true, html: r => money(r.stillRefundable)}], order.totals) + '</div>';
  }

  function progressHtml(v) {
    const owner = v.currentOwner ? `${esc(code(v.currentOwner.role))}${v.currentOwner.id ? ' · ' + esc(v.currentOwner.id) : ''}` : t('none');
    const next = v.nextStep ? `${esc(code(v.nextStep.action))}` : t('none');
    const kv = (label, html) => `<dt>${esc(label)}</dt><dd>${html}</dd>`;
    let html = `<div class="card" id="progress"><h3><span id="progress-number">${esc(v.applicationNumber)}</span> ${badge(v.status)}</h3>
      <div class="grid"><dl class="kv">
        ${kv(t('type'), esc(code(v.type)))}
        ${kv(t('customerId'), `<a href="#/find?customer=${encodeURIComponent(v.customerId)}">${esc(v.customerId)}</a>`)}
        ${kv(t('orderId'), `<a id="order-link" href="#/find?order=${encodeURIComponent(v.orderId)}">${esc(v.orderId)}</a> (${t('orderTotals')})`)}
        ${kv(t('product'), esc(v.productId || t('none')))}
        ${kv(t('reason'), esc(code(v.reasonCategory)) + (v.reasonText ? ` – ${esc(v.reasonText)}` : ''))}
        ${kv(t('method'), esc(code(v.payoutMethod)))}
        ${v.subscriptionId ? kv(t('subscriptionLink'), `<a href="#/cancellations?subscription=${encodeURIComponent(v.subscriptionId)}">${esc(v.subscriptionId)}</a>`) : ''}
      </dl><dl class="kv">
        ${kv(t('paid'), money(v.paidAmount))}${kv(t('requested'), money(v.requestedAmount))}
        ${kv(t('approved'), money(v.approvedAmount))}${kv(t('toRefund'), money(v.amountToRefund))}
        ${kv(t('submitted'), instant(v.submittedAt))}
        ${v.rejectionReason ? kv(t('rejected'), esc(v.rejectionReason)) : ''}
      </dl><dl class="kv" id="next-step">
        ${kv(t('owner'), owner)}${kv(t('nextStep'), next)}
        ${kv(t('dueBy'), instant(v.nextStep && v.nextStep.dueBy))}${kv(t('since'), instant(v.inCurrentStepSince))}
      </dl></div></div>`;
    const p = v.policyEvaluation;
    if (p) {
      html += `<div class="card" id="policy"><h3>${t('policy')}</h3><dl class="kv">
        ${kv(t('policyVersion'), esc(p.policyVersion))}${kv(t('withinPolicy'), p.withinPolicy ? t('yes') : t('no'))}
        ${kv(t('eligible'), money(p.eligibleAmount))}</dl>
        ${table('policy-rules', [{label: t('rule'), html: r => esc(r.rule)}, {label: t('passed'), html: r => r.passed ? '✓' : '✗'},
          {label: t('detail'), html: r => esc(r.detail)}], p.rules)}
        <h3>${t('deductions')}</h3>
        ${table('deductions', [{label: t('kind'), html: r => esc(r.kind)}, {label: t('amount'), num: true, html: r => money(r.amount)},
          {label: t('explanation'), html: r => esc(r.explanation)}], p.deductions)}</div>`;
    }
    html += `<div class="card"><h3>${t('payouts')}</h3>` + table('payouts', [
      {label: t('attempt'), num: true, html: r => esc(r.attempt)}, {label: t('status'), html: r => badge(r.state)},
      {label: t('method'), html: r => esc(code(r.method))}, {label: t('amount'), num: true, html: r => money(r.amount)},
      {label: t('started'), html: r => instant(r.startedAt)}, {label: t('completed'), html: r => instant(r.finishedAt)},
      {label: t('reference'), html: r => esc(r.externalReference || '')}, {label: t('failure'), html: r => esc(r.failureReason || '')}],
    v.payouts) + '</div>';
    if (v.returnShipment) {
      const r = v.returnShipment;
      html += `<div class="card" id="return"><h3>${t('returnShipment')}</h3><dl class="kv">
        ${kv('RMA', esc(r.returnAuthorizationNumber))}${kv(t('carrier'), esc(r.carrier || t('none')))}
        ${kv(t('tracking'), esc(r.trackingNumber || t('none')))}${kv(t('started'), instant(r.shippedAt))}
        ${kv(t('completed'), instant(r.receivedAt))}</dl></div>`;
    }
    html += `<div class="card"><h3>${t('timeline')}</h3><ol class="timeline" id="timeline">` + v.timeline.map(s =>
      `<li data-step="${esc(s.step)}"><b>${esc(code(s.step))}</b> · ${esc(s.actor || t('none'))}
        <span class="when">${instant(s.at)}</span>${s.detail ? `<div>${esc(s.detail)}</div>` : ''}</li>`).join('') + '</ol></div>';
    if (hasRole('AUDITOR', 'ADMIN')) {
      html += `<p><a href="#/audit?kind=application&id=${encodeURIComponent(v.applicationId)}">${t('nav_audit')} →</a></p>`;
    }
    return html;
  }

  // ------------------------------------------------------------------------------------- refund reasons, cancellations

  function groupedCharts(root, view, figure, label) {
    const keys = view.groups.map(g => g.key);
    const series = keys.map(key => ({name: code(key), type: 'bar', stack: 'all', data: view.trend.map(p => {
      const g = p.groups.find(x => x.key === key);
      return g ? g.figures[figure] : 0;
    })}));
    chart(root.querySelector('#trend-chart'), {xAxis: {type: 'category', data: view.trend.map(p => p.period)},
      yAxis: {type: 'value', name: label}, series},
    view.trend.map(p => `${p.period}:${p.totals[figure]}`).join(' '));
    chart(root.querySelector('#breakdown-chart'), {tooltip: {trigger: 'item'}, series: [{type: 'pie', radius: ['35%', '65%'], top: 30,
      data: view.groups.map(g => ({name: code(g.key), value: g.figures[figure]}))}]},
    view.groups.map(g => `${g.key}:${g.figures[figure]}`).join(' '));
  }

  async function reasonsPage(root, params) {
    params = withPeriod(Object.assign({granularity: 'WEEK', groupBy: 'reason'}, params), 29);
    root.innerHTML = `<h2>${t('nav_reasons')}</h2>` + periodForm(params,
      `<label>${t('granularity')}${select('granularity', ['DAY', 'WEEK', 'MONTH'], params.granularity)}</label>
       <label>${t('groupBy')}${select('groupBy', ['reason', 'product', 'segment', 'channel'], params.groupBy)}</label>`) +
      '<div id="content"></div>';
    wireForm(root, params);
    const view = await api('/api/analytics/refund-reasons?' + query({from: params.from, to: params.to,
      granularity: params.granularity, groupBy: params.groupBy, top: 5}));
    const content = root.querySelector('#content');
    content.innerHTML = `<div class="grid">
        <div class="card"><h3>${t('trend')} (${t('applications')})</h3><div class="chart" id="trend-chart"></div></div>
        <div class="card"><h3>${t('breakdown')}</h3><div class="chart" id="breakdown-chart"></div></div></div>
      <div class="card"><h3>${t(params.groupBy)}</h3>` + table('groups-table', [
      {label: t('group'), html: g => esc(code(g.key))},
      {label: t('applications'), num: true, html: g => number(g.figures.applications)},
      {label: t('approvedN'), num: true, html: g => number(g.figures.approved)},
      {label: t('rejected'), num: true, html: g => number(g.figures.rejected)},
      {label: t('open'), num: true, html: g => number(g.figures.open)},
      {label: t('approvalRate'), num: true, html: g => rate(g.figures.approvalRate)},
      {label: t('requested'), num: true, html: g => amounts(g.figures.requestedAmount)},
      {label: t('approved'), num: true, html: g => amounts(g.figures.approvedAmount)},
      {label: t('paidOut'), num: true, html: g => amounts(g.figures.paidAmount)},
      {label: t('avgResolution'), num: true, html: g => duration(g.figures.timeToResolution.averageSeconds)},
      {label: t('p90Resolution'), num: true, html: g => duration(g.figures.timeToResolution.p90Seconds)},
      {label: t('share'), num: true, html: g => rate(g.figures.shareOfTotal && g.figures.shareOfTotal.applications)}],
    view.groups.concat([{key: t('total'), figures: view.totals}])) + `</div>
      <div class="card"><h3>${t('topProducts')}</h3>` + table('top-products', [
      {label: t('product'), html: p => esc(p.productId)}, {label: t('applications'), num: true, html: p => number(p.applications)},
      {label: t('requested'), num: true, html: p => amounts(p.requestedAmount)}, {label: t('paidOut'), num: true, html: p => amounts(p.paidAmount)}],
    view.topProducts.byApplications) + '</div>';
    groupedCharts(content, view, 'applications', t('applications'));
  }

  async function cancellationsPage(root, params) {
    params = withPeriod(Object.assign({granularity: 'WEEK', groupBy: 'reason'}, params), 29);
    root.innerHTML = `<h2>${t('cancellationsTitle')}</h2>` + periodForm(params,
      `<label>${t('granularity')}${select('granularity', ['DAY', 'WEEK', 'MONTH'], params.granularity)}</label>
       <label>${t('groupBy')}${select('groupBy', ['reason', 'plan', 'product', 'segment', 'effect', 'channel'], params.groupBy)}</label>`) +
      `<div id="content"></div>
      <form class="filters card" id="subscription-form"><label>${t('subscriptionId')}<input name="subscription" id="subscription-id" value="${esc(params.subscription)}"></label>
        <button type="submit">${t('search')}</button></form><div id="settlement"></div>`;
    wireForm(root, params);
    wireForm(root, params, 'subscription-form');
    const view = await api('/api/analytics/cancellation-reasons?' + query({from: params.from, to: params.to,
      granularity: params.granularity, groupBy: params.groupBy, top: 5}));
    const content = root.querySelector('#content');
    content.innerHTML = `<div class="grid">
        <div class="card"><h3>${t('trend')} (${t('requestedC')})</h3><div class="chart" id="trend-chart"></div></div>
        <div class="card"><h3>${t('breakdown')}</h3><div class="chart" id="breakdown-chart"></div></div></div>
      <div class="card"><h3>${t(params.groupBy)}</h3>` + table('groups-table', [
      {label: t('group'), html: g => esc(code(g.key))},
      {label: t('requestedC'), num: true, html: g => number(g.figures.requested)},
      {label: t('refused'), num: true, html: g => number(g.figures.refused)},
      {label: t('revoked'), num: true, html: g => number(g.figures.revoked)},
      {label: t('terminated'), num: true, html: g => number(g.figures.terminated)},
      {label: t('open'), num: true, html: g => number(g.figures.open)},
      {label: t('netRefund'), num: true, html: g => amounts(g.figures.netRefund)},
      {label: t('refundPaid'), num: true, html: g => amounts(g.figures.refundPaid)},
      {label: t('p90Days'), num: true, html: g => number(g.figures.daysToTermination.p90Days)},
      {label: t('share'), num: true, html: g => rate(g.figures.shareOfTotal && g.figures.shareOfTotal.requested)}],
    view.groups.concat([{key: t('total'), figures: view.totals}])) + `</div>
      <div class="card"><h3>${t('topProducts')}</h3>` + table('top-products', [
      {label: t('product'), html: p => esc(p.productId)}, {label: t('requestedC'), num: true, html: p => number(p.requested)},
      {label: t('terminated'), num: true, html: p => number(p.terminated)}, {label: t('netRefund'), num: true, html: p => amounts(p.netRefund)}],
    view.topProducts.byRequests) + '</div>';
    groupedCharts(content, view, 'requested', t('requestedC'));
    if (params.subscription) {
      const settlementEl = root.querySelector('#settlement');
      try {
        settlementEl.innerHTML = settlementHtml(await api('/api/subscriptions/' + encodeURIComponent(params.subscription) + '/cancellation'));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        settlementEl.innerHTML = problemHtml(e);
      }
    }
  }

  function settlementHtml(v) {
    const c = v.cancellation || (v.pastCancellations || [])[0];
    if (!c) return message('info', esc(t('notFound')));
    const s = c.settlement;
    const kv = (label, html) => `<dt>${esc(label)}</dt><dd>${html}</dd>`;
    let html = `<div class="card" id="settlement-card"><h3>${t('settlement')}: ${esc(v.subscriptionId)} ${badge(c.state)}</h3><dl class="kv">
      ${kv(t('reason'), esc(code(c.reason)) + (c.reasonText ? ' – ' + esc(c.reasonText) : ''))}${kv(t('effect'), esc(code(c.effect)))}
      ${kv(t('effectiveDate'), esc(c.effectiveDate || t('none')))}${kv(t('submitted'), instant(c.requestedAt) + ' · ' + esc(c.requestedBy || ''))}
      ${s ? kv(t('termDays'), number(s.termDays)) + kv(t('usedDays'), number(s.usedDays)) + kv(t('unusedDays'), number(s.unusedDays)) + kv(t('policyVersion'), esc(s.policyVersion)) : ''}
      ${c.refund ? kv(t('linkedRefund'), `<a href="#/find?number=${encodeURIComponent(c.refund.applicationNumber)}">${esc(c.refund.applicationNumber)}</a> ${badge(c.refund.refundStatus)}`) : ''}
      ${kv(t('nextStep'), v.nextStep ? esc(code(v.nextStep.action)) + ' · ' + instant(v.nextStep.dueBy) : t('none'))}</dl>`;
    if (s) {
      html += `<h3>${t('settlementLines')}</h3>` + table('settlement-lines', [{label: t('kind'), html: l => esc(l.kind)},
        {label: t('amount'), num: true, html: l => money(l.amount)}, {label: t('explanation'), html: l => esc(l.explanation)}], s.lines);
    }
    html += `<h3>${t('timeline')}</h3><ol class="timeline">` + (c.steps || []).map(st => `<li><b>${esc(st.step)}</b> · ${esc(st.actor || t('none'))}
      <span class="when">${instant(st.at)}</span>${st.description ? `<div>${esc(st.description[lang()] || st.description.en)}</div>` : ''}</li>`).join('') + '</ol></div>';
    return html;
  }

  // ------------------------------------------------------------------------------------------------------ staff KPIs

  async function kpisPage(root, params) {
    params = withPeriod(Object.assign({sortBy: 'handled', granularity: 'WEEK'}, params), 29);
    root.innerHTML = `<h2>${t('nav_kpis')}</h2>` + periodForm(params,
      `<label>${t('granularity')}${select('granularity', ['DAY', 'WEEK', 'MONTH'], params.granularity)}</label>
       <label>${t('sortBy')}${select('sortBy', ['handled', 'approvalRate', 'medianReviewTime', 'rating', 'slaBreaches'], params.sortBy,
        v => ({handled: t('handled'), approvalRate: t('approvalRate'), medianReviewTime: t('medianReview'), rating: t('rating'), slaBreaches: t('slaBreaches')}[v]))}</label>`) +
      '<div id="content"></div>';
    wireForm(root, params);
    const view = await api('/api/kpis/staff?' + query({from: params.from, to: params.to, granularity: 'TOTAL', sortBy: params.sortBy, limit: 20}));
    const content = root.querySelector('#content');
    const staff = params.staff || (view.leaderboard[0] && view.leaderboard[0].staffId);
    content.innerHTML = `<div class="card"><h3>${t('leaderboard')}</h3>` + table('leaderboard', [
      {label: t('rank'), num: true, html: e => esc(e.rank)},
      {label: t('staff'), html: e => `<a href="#" data-staff="${esc(e.staffId)}">${esc(e.staffId)}</a>`},
      {label: t('team'), html: e => esc(e.team)},
      {label: t('handled'), num: true, sort: 'handled', html: e => number(e.figures.handled)},
      {label: t('approvedN'), num: true, html: e => number(e.figures.approved)},
      {label: t('rejected'), num: true, html: e => number(e.figures.rejected)},
      {label: t('approvalRate'), num: true, sort: 'approvalRate', html: e => rate(e.figures.approvalRate)},
      {label: t('medianReview'), num: true, sort: 'medianReviewTime', html: e => duration(e.figures.medianReviewSeconds)},
      {label: t('p90Review'), num: true, html: e => duration(e.figures.p90ReviewSeconds)},
      {label: t('slaBreaches'), num: true, sort: 'slaBreaches', html: e => number(e.figures.slaBreaches)},
      {label: t('infoRequests'), num: true, html: e => number(e.figures.informationRequests)},
      {label: t('rating'), num: true, sort: 'rating', html: e => e.figures.averageRating === null ? t('none') : number(Number(e.figures.averageRating))},
      {label: t('reopenedRate'), num: true, html: e => rate(e.figures.reopenedRate)}], view.leaderboard) +
      `</div>${staff ? `<div class="card"><h3 id="member-title">${esc(t('memberFigures', {who: staff}))}</h3><div class="chart" id="member-chart"></div></div>` : ''}`;
    // Sorting is the API's: the leaderboard ranks by the chosen figure over the whole period.
    content.querySelectorAll('th[data-sort]').forEach(th => th.addEventListener('click', () => go('kpis', Object.assign({}, params, {sortBy: th.dataset.sort}))));
    content.querySelectorAll('a[data-staff]').forEach(a => a.addEventListener('click', event => {
      event.preventDefault();
      go('kpis', Object.assign({}, params, {staff: a.dataset.staff}));
    }));
    if (staff) {
      const member = await api('/api/kpis/staff/' + encodeURIComponent(staff) + '?' + query({from: params.from, to: params.to, granularity: params.granularity}));
      chart(content.querySelector('#member-chart'), {xAxis: {type: 'category', data: member.periods.map(p => p.period)},
        yAxis: [{type: 'value', name: t('handled')}, {type: 'value', name: t('approvalRate'), min: 0, max: 1, axisLabel: {formatter: v => Math.round(v * 100) + '%'}}],
        grid: {left: 60, right: 60, top: 60, bottom: 40},
        series: [{name: t('handled'), type: 'bar', data: member.periods.map(p => p.figures.handled)},
          {name: t('approvalRate'), type: 'line', yAxisIndex: 1, data: member.periods.map(p => p.figures.approvalRate === null ? null : Number(p.figures.approvalRate))}]},
      member.periods.map(p => `${p.period}:${p.figures.handled}`).join(' '));
    }
  }

  // --------------------------------------------------------------------------------------------------------- finance

  const QUEUES = ['APPROVED', 'PAYOUT_IN_PROGRESS', 'PAYOUT_FAILED', 'AWAITING_SECOND_APPROVAL'];

  async function financePage(root, params) {
    params = withPeriod(Object.assign({queue: 'APPROVED', report: 'daily'}, params), 29);
    const csv = '/api/finance/payouts.csv?' + query({from: params.from, to: params.to});
    root.innerHTML = `<h2>${t('nav_finance')}</h2>` + periodForm(params,
      `<label>${t('status')}${select('pstatus', ['', 'STARTED', 'SUCCEEDED', 'FAILED'], params.pstatus || '', v => v ? code(v) : '*')}</label>
       <label>${t('method')}${select('pmethod', ['', 'ORIGINAL_PAYMENT', 'ACCOUNT_BALANCE', 'THIRD_PARTY', 'BANK_TRANSFER'], params.pmethod || '', v => v ? code(v) : '*')}</label>
       <label>${t('granularity')}${select('report', ['daily', 'monthly'], params.report)}</label>
       <a class="button" id="csv-link" href="${esc(csv)}" download>${t('downloadCsv')}</a>`) + '<div id="content"></div>';
    wireForm(root, params);
    const [queue, unpaid, payouts, failed, totals] = await Promise.all([
      api('/api/finance/refunds?' + query({status: params.queue, limit: PAGE_SIZE, offset: params.qoff || 0})),
      api('/api/finance/approved-unpaid?' + query({limit: PAGE_SIZE, offset: params.uoff || 0})),
      api('/api/finance/payouts?' + query({from: params.from, to: params.to, status: params.pstatus, method: params.pmethod, limit: PAGE_SIZE, offset: params.poff || 0})),
      api('/api/finance/payouts?' + query({from: params.from, to: params.to, status: 'FAILED', limit: 5})),
      api('/api/finance/reports/' + params.report + '?' + query({from: params.from, to: params.to}))]);
    const content = root.querySelector('#content');
    const number_ = r => `<a href="#/find?number=${encodeURIComponent(r.applicationNumber)}">${esc(r.applicationNumber)}</a>`;
    // Payout groups come per day, status, method and currency; summed here by status and method per currency.
    const byStatusMethod = {};
    for (const g of payouts.groups) {
      const key = `${g.status}|${g.method}|${g.currency}`;
      const row = byStatusMethod[key] || (byStatusMethod[key] = {status: g.status, method: g.method, currency: g.currency, count: 0, amount: 0});
      row.count += g.count;
      row.amount += Number(g.amount.amount);
    }
    content.innerHTML = `<div class="card"><h3>${t('totalsChart')}</h3><div class="chart" id="totals-chart"></div></div>
      <div class="card"><h3>${t('queues')}</h3><div class="tabs" id="queue-tabs">${QUEUES.map(q => `<button data-queue="${q}" class="${q === params.queue ? 'active' : ''}">${esc(code(q))}</button>`).join('')}</div>` +
      table('queue-table', [{label: t('applicationNumber'), html: number_}, {label: t('status'), html: r => badge(r.status)},
        {label: t('customerId'), html: r => esc(r.customerId)}, {label: t('toRefund'), num: true, html: r => money(r.amountToRefund)},
        {label: t('method'), html: r => esc(code(r.payoutMethod))}, {label: t('since'), html: r => instant(r.inCurrentStepSince)},
        {label: t('dueBy'), html: r => instant(r.nextStep && r.nextStep.dueBy)}, {label: t('attempt'), num: true, html: r => esc(r.payoutAttempts)},
        {label: t('failure'), html: r => esc(r.lastFailureReason || '') + (r.escalated ? ' ⚠' : '')}], queue.items) + pager('queue-pager', queue, 'qoff') + `</div>
      <div class="card"><h3>${t('approvedUnpaid')}</h3><p>${t('totalToPay')}: <b id="total-to-pay">${unpaid.totalToPay.map(money).join(' · ') || t('none')}</b></p>` +
      table('unpaid-table', [{label: t('applicationNumber'), html: number_}, {label: t('toRefund'), num: true, html: r => money(r.amountToRefund)},
        {label: t('method'), html: r => esc(code(r.payoutMethod))}, {label: t('approvedAt'), html: r => instant(r.approvedAt)},
        {label: t('age'), html: r => duration(r.ageHours * 3600)}, {label: t('attempt'), num: true, html: r => esc(r.payoutAttempts)},
        {label: t('failure'), html: r => esc(r.lastFailureReason || '')}], unpaid.items) + pager('unpaid-pager', unpaid, 'uoff') + `</div>
      <div class="card"><h3>${t('payoutsOfPeriod')}</h3><div class="grid"><div>` +
      table('payout-groups', [{label: t('status'), html: r => badge(r.status)}, {label: t('method'), html: r => esc(code(r.method))},
        {label: t('count'), num: true, html: r => number(r.count)}, {label: t('amount'), num: true, html: r => money({currency: r.currency, amount: r.amount})}],
      Object.values(byStatusMethod).sort((a, b) => (a.status + a.method + a.currency).localeCompare(b.status + b.method + b.currency))) + `</div><div class="chart" id="payouts-chart"></div></div>` +
      table('payouts-table', [{label: t('applicationNumber'), html: number_}, {label: t('attempt'), num: true, html: r => esc(r.attempt)},
        {label: t('status'), html: r => badge(r.status)}, {label: t('method'), html: r => esc(code(r.method))},
        {label: t('amount'), num: true, html: r => money(r.amount)}, {label: t('started'), html: r => instant(r.startedAt)},
        {label: t('reference'), html: r => esc(r.externalReference || '')}, {label: t('failure'), html: r => esc(r.failureReason || '')}], payouts.items) +
      pager('payouts-pager', payouts, 'poff') + `</div>
      <div class="card"><h3>${t('failedPayouts')} (${number(failed.total)})</h3>` +
      table('failed-table', [{label: t('applicationNumber'), html: number_}, {label: t('attempt'), num: true, html: r => esc(r.attempt)},
        {label: t('amount'), num: true, html: r => money(r.amount)}, {label: t('started'), html: r => instant(r.startedAt)},
        {label: t('failure'), html: r => esc(r.failureReason || '')}], failed.items) + '</div>';
    content.querySelectorAll('#queue-tabs button').forEach(b => b.addEventListener('click', () => go('finance', Object.assign({}, params, {queue: b.dataset.queue, qoff: 0}))));
    wirePagers(content, params);
    const periods = [...new Set(totals.rows.map(r => r.period))];
    const currencies = [...new Set(totals.rows.map(r => r.currency))];
    const series = [];
    for (const currency of currencies) {
      for (const [measure, label] of [['approvedAmount', t('approved')], ['paidOutAmount', t('paidOut')], ['failedAmount', t('failed')]]) {
        series.push({name: `${label} ${currency}`, type: 'bar', data: periods.map(p => {
          const row = totals.rows.find(r => r.period === p && r.currency === currency);
          return row && row[measure] ? Number(row[measure].amount) : 0;
        })});
      }
    }
    chart(content.querySelector('#totals-chart'), {xAxis: {type: 'category', data: periods}, yAxis: {type: 'value'}, series},
      totals.rows.map(r => `${r.period}/${r.currency}:${r.paidOutAmount ? r.paidOutAmount.amount : 0}`).join(' '));
    const days = [...new Set(payouts.groups.map(g => g.day))].sort();
    const statuses = [...new Set(payouts.groups.map(g => g.status))];
    chart(content.querySelector('#payouts-chart'), {xAxis: {type: 'category', data: days}, yAxis: {type: 'value', name: t('count')},
      series: statuses.map(s => ({name: code(s), type: 'bar', stack: 'all', data: days.map(d =>
        payouts.groups.filter(g => g.day === d && g.status === s).reduce((n, g) => n + g.count, 0))}))},
    `${payouts.total} payouts`);
  }

  // ----------------------------------------------------------------------------------------------------------- audit

  async function auditPage(root, params) {
    params = Object.assign({kind: 'application'}, params);
    root.innerHTML = `<h2>${t('nav_audit')}</h2>
      <form class="filters card" id="audit-form">
        <label>${t('kind')}${select('kind', ['application', 'subscription', 'customer'], params.kind,
        v => t({application: 'kindApplication', subscription: 'kindSubscription', customer: 'kindCustomer'}[v]))}</label>
        <label>${t('aggregate')}<input name="id" id="audit-id" value="${esc(params.id)}" size="40"></label>
        <button type="submit" id="audit-submit">${t('search')}</button>
        <button type="button" class="secondary" id="check-log">${t('checkLog')}</button></form>
      <div id="integrity"></div><div id="content"></div><div class="card"><h3>${t('accessLog')}</h3><div id="access-log"></div></div>`;
    wireForm(root, params, 'audit-form');
    root.querySelector('#check-log').addEventListener('click', () => integrity(root, '/api/audit/integrity'));
    // Oversight only: for other roles the API refuses, and the page says so.
    const log = await api('/api/audit/access-log?limit=50');
    root.querySelector('#access-log').innerHTML = table('access-log-table', [{label: t('when'), html: e => instant(e.at)},
      {label: t('who'), html: e => esc(e.user) + ` <span class="muted">${esc(e.roles.join(','))}</span>`},
      {label: t('path'), html: e => esc(e.method + ' ' + e.path + (e.query ? '?' + e.query : ''))},
      {label: t('status'), num: true, html: e => esc(e.status)}], log);
    if (!params.id) return;
    const content = root.querySelector('#content');
    let id = params.id.trim(), history, html = '';
    if (params.kind === 'application') {
      // A number as the customer quotes it is resolved to the application id first.
      id = (await api('/api/refunds/' + encodeURIComponent(id))).applicationId;
      history = await api('/api/audit/refunds/' + encodeURIComponent(id) + '/history');
      html += `<div class="card"><h3>${t('dossier')}</h3><a class="button" id="dossier-link" target="_blank" href="/api/audit/refunds/${encodeURIComponent(id)}/dossier.html">${t('openDossier')}</a>
        <button type="button" class="secondary" id="check-one">${t('checkOne')}</button></div>
        <form class="filters card" id="state-form"><label>${t('asOf')}<input type="datetime-local" name="asOf" id="as-of" value="${esc(params.asOf || '')}"></label>
        <button type="submit">${t('show')}</button><div id="state" style="flex-basis:100%"></div></form>`;
    } else if (params.kind === 'subscription') {
      history = await api('/api/audit/subscriptions/' + encodeURIComponent(id) + '/history');
    } else {
      history = await api('/api/audit/customers/' + encodeURIComponent(id) + '/history');
    }
    html += `<div class="card"><h3>${t('historyOf')} ${esc(params.kind)} ${esc(id)}</h3>` + table('history-table', [
      {label: t('position'), num: true, html: e => esc(e.globalPosition)}, {label: t('when'), html: e => instant(e.timestamp)},
      {label: t('event'), html: e => esc(e.eventType)}, {label: t('who'), html: e => esc(e.actor || '') + ` <span class="muted">${esc(e.actorRoles.join(','))}</span>`},
      {label: 'Channel', html: e => esc(e.channel || '')}, {label: t('policyVersion'), html: e => esc(e.policyVersion || '')},
      {label: t('description'), html: e => esc(e.description ? (e.description[lang()] || e.description.en) : '')}], history.entries) + '</div>';
    content.innerHTML = html;
    if (params.kind === 'application') {
      content.querySelector('#check-one').addEventListener('click', () => integrity(root, '/api/audit/integrity/aggregates/' + encodeURIComponent(id)));
      wireForm(content, params, 'state-form');
      if (params.asOf) {
        const s = await api('/api/audit/refunds/' + encodeURIComponent(id) + '/state?' + query({asOf: zonedToInstant(params.asOf, state.me.businessZone)}));
        content.querySelector('#state').innerHTML = `<dl class="kv" id="state-as-of"><dt>${t('asOf')}</dt><dd>${instant(s.asOf)}</dd>
          <dt>${t('eventsApplied')}</dt><dd>${number(s.eventsApplied)}</dd><dt>${t('status')}</dt><dd>${s.state ? badge(s.state.status) : t('none')}</dd>
          <dt>${t('toRefund')}</dt><dd>${s.state ? money(s.state.amountToRefund || s.state.requestedAmount) : t('none')}</dd></dl>`;
      }
    }
  }

  async function integrity(root, path) {
    const el = root.querySelector('#integrity');
    el.innerHTML = message('info', esc(t('loading')));
    try {
      const r = await api(path);
      const broken = r.firstBrokenLink;
      el.innerHTML = message(r.intact ? 'info' : 'error', `<b id="integrity-result">${r.intact ? t('intact') : t('broken')}</b> · ${t('commitsChecked')}: ${number(r.commitsChecked)}` +
        (broken ? ` · ${esc(broken.kind)} @ ${esc(broken.position)}: ${esc(broken.detail || '')}` : ''));
    } catch (e) {
      el.innerHTML = problemHtml(e);
    }
  }

  // ------------------------------------------------------------------------------------------------------ processors

  async function processorsPage(root) {
    const view = await api('/api/admin/processors');
    root.innerHTML = `<h2>${t('processors')}</h2><p>${t('headPosition')}: <b>${number(view.headPosition)}</b></p><div id="replay-message"></div>` +
      table('processors-table', [{label: t('name'), html: p => esc(p.name)}, {label: t('running'), html: p => p.running ? t('yes') : t('no')},
        {label: t('replaying'), html: p => p.replaying ? t('yes') : t('no')}, {label: t('position'), num: true, html: p => number(p.slowestPosition)},
        {label: t('lag'), num: true, html: p => `<span data-lag="${esc(p.name)}">${number(p.lag)}</span>`},
        {label: t('generation'), num: true, html: p => `<span data-generation="${esc(p.name)}">${generationText(p)}</span>`},
        {label: t('progressC'), html: p => progressBar(p)},
        {label: '', html: p => `<button data-replay="${esc(p.name)}" ${p.replaying || p.rebuild ? 'disabled' : ''}>${t('replay')}</button>`
          + (p.generation == null ? '' : ` <button data-rebuild="${esc(p.name)}" title="${esc(t('rebuildHint'))}" ${p.replaying || p.rebuild ? 'disabled' : ''}>${t('rebuild')}</button>`)
          + (p.rebuild ? ` <button data-give-up="${esc(p.name)}" title="${esc(t('giveUpHint'))}">${t('giveUp')}</button>` : '')}],
        view.processors);
    root.querySelectorAll('button[data-replay]').forEach(b => b.addEventListener('click', () => replay(root, b.dataset.replay)));
    root.querySelectorAll('button[data-rebuild]').forEach(b => b.addEventListener('click', () => rebuild(root, b.dataset.rebuild)));
    root.querySelectorAll('button[data-give-up]').forEach(b => b.addEventListener('click', () => giveUp(root, b.dataset.giveUp)));
  }

  /** Stops the rebuild under way (on every instance); the generation that answers stays. */
  async function giveUp(root, name) {
    const status = await processorAction(root, name, 'rebuild', 'DELETE');
    if (status === null) return;
    clearTimeout(state.timer);
    await processorsPage(root);
    root.querySelector('#replay-message').innerHTML =
      message('info', esc(t('rebuildGivenUp', {name, generation: status.generation})), 'rebuild-given-up');
  }

  /** Which generation answers, and the one filling up beside it during a blue/green rebuild. */
  function generationText(p) {
    if (p.generation == null) return '–';
    return p.rebuild ? `${number(p.generation)} → ${number(p.rebuild.generation)}` : number(p.generation);
  }

  function progressBar(p) {
    const percent = p.rebuild ? (p.rebuild.progressPercent || 0)
      : p.replaying ? (p.replayProgressPercent || 0) : (p.headPosition ? 100 * p.slowestPosition / p.headPosition : 100);
    return `<div class="progress" data-progress="${esc(p.name)}" title="${percent.toFixed(1)} %"><div style="width:${Math.min(100, percent)}%"></div></div>`;
  }

  /** Sends method to the processor's action (replay, rebuild): its answer, or null once the problem is shown. */
  async function processorAction(root, name, action, method) {
    try {
      return await api('/api/admin/processors/' + encodeURIComponent(name) + '/' + action, {method});
    } catch (e) {
      root.querySelector('#replay-message').innerHTML = problemHtml(e);
      return null;
    }
  }

  async function replay(root, name) {
    const say = root.querySelector('#replay-message');
    if (await processorAction(root, name, 'replay', 'POST') === null) return;
    say.innerHTML = message('info', esc(t('replayStarted', {name})), 'replay-started');
    // Progress until it has caught up again; a new page stops the polling.
    const poll = async () => {
      const p = await api('/api/admin/processors/' + encodeURIComponent(name));
      const bar = root.querySelector(`[data-progress="${CSS.escape(name)}"]`);
      if (bar) bar.outerHTML = progressBar(p);
      const lag = root.querySelector(`[data-lag="${CSS.escape(name)}"]`);
      if (lag) lag.textContent = number(p.lag);
      if (!p.replaying && p.lag === 0) {
        say.innerHTML = message('info', esc(t('replayDone', {name})), 'replay-done');
      } else {
        state.timer = setTimeout(poll, 500);
      }
    };
    state.timer = setTimeout(poll, 300);
  }

  /** Blue/green: the current generation keeps answering; the page follows the new one until it has switched. */
  async function rebuild(root, name) {
    const say = root.querySelector('#replay-message');
    const started = await processorAction(root, name, 'rebuild', 'POST');
    if (started === null) return;
    const target = started.rebuild ? started.rebuild.generation : started.generation + 1;
    say.innerHTML = message('info', esc(t('rebuildStarted', {name, generation: target})), 'rebuild-started');
    const poll = async () => {
      const p = await api('/api/admin/processors/' + encodeURIComponent(name));
      const bar = root.querySelector(`[data-progress="${CSS.escape(name)}"]`);
      if (bar) bar.outerHTML = progressBar(p);
      const generation = root.querySelector(`[data-generation="${CSS.escape(name)}"]`);
      if (generation) generation.textContent = generationText(p);
      const lag = root.querySelector(`[data-lag="${CSS.escape(name)}"]`);
      if (lag) lag.textContent = number(p.lag);
      if (!p.rebuild && p.generation >= target && p.running && p.lag === 0) {
        say.innerHTML = message('info', esc(t('rebuildDone', {name, generation: p.generation})), 'rebuild-done');
      } else {
        state.timer = setTimeout(poll, 500);
      }
    };
    state.timer = setTimeout(poll, 300);
  }

  // ---------------------------------------------------------------------------------------------------- the shell

  const PAGES = [
    {id: 'find', roles: ALL, render: findPage},
    {id: 'reasons', roles: MANAGEMENT, render: reasonsPage},
    {id: 'cancellations', roles: MANAGEMENT, render: cancellationsPage},
    {id: 'kpis', roles: MANAGEMENT, render: kpisPage},
    {id: 'finance', roles: ['FINANCE', 'AUDITOR', 'ADMIN'], render: financePage},
    {id: 'audit', roles: ['AUDITOR', 'ADMIN'], render: auditPage},
    {id: 'processors', roles: ['ADMIN'], render: processorsPage}];

  function hasRole(...roles) {
    return state.me.roles.some(r => roles.includes(r));
  }

  function currentRoute() {
    return (location.hash.replace(/^#\/?/, '').split('?')[0]) || 'find';
  }

  function currentParams() {
    const search = location.hash.split('?')[1] || '';
    return Object.fromEntries(new URLSearchParams(search).entries());
  }

  function go(route, params) {
    const search = query(params || {});
    const hash = '#/' + route + (search ? '?' + search : '');
    if (location.hash === hash) render(); else location.hash = hash;
  }

  function renderShell() {
    document.documentElement.lang = lang();
    document.title = t('title');
    document.getElementById('app-title').textContent = t('title');
    document.getElementById('sign-out').textContent = t('signOut');
    document.getElementById('who').innerHTML = `${t('signedInAs')} <b id="username">${esc(state.me.username)}</b> <span class="muted">${esc(state.me.roles.map(code).join(', '))}</span>`;
    const route = currentRoute();
    document.getElementById('nav').innerHTML = PAGES.filter(p => hasRole(...p.roles))
      .map(p => `<a href="#/${p.id}" id="nav-${p.id}" class="${p.id === route ? 'active' : ''}">${t('nav_' + p.id)}</a>`).join('');
  }

  /* Renders the page of the hash; marks the body when done, with how long it took (read by the browser tests). */
  async function render() {
    clearTimeout(state.timer);
    state.charts.forEach(c => c.dispose());
    state.charts = [];
    const started = performance.now();
    const route = currentRoute();
    document.body.dataset.ready = 'false';
    document.body.dataset.page = route;
    renderShell();
    const root = document.getElementById('page');
    const page = PAGES.find(p => p.id === route) || PAGES[0];
    try {
      await page.render(root, currentParams());
    } catch (e) {
      if (!(e instanceof ApiError)) {
        console.error(e);
        root.insertAdjacentHTML('beforeend', message('error', esc(e.message), 'problem'));
      } else {
        const target = root.querySelector('#result, #content') || root;
        // A refused page shows nothing but the refusal.
        if (e.status === 403) root.innerHTML = `<h2>${t('nav_' + page.id)}</h2>` + problemHtml(e);
        else target.innerHTML = problemHtml(e);
      }
    }
    const ms = Math.round(performance.now() - started);
    (window.dashboardTimings = window.dashboardTimings || []).push({page: route, ms});
    document.body.dataset.renderMs = String(ms);
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
    document.body.dataset.ready = 'true';
  }

  async function start() {
    const select = document.getElementById('lang');
    for (const [code_, name] of Object.entries(I18N.languages)) select.add(new Option(name, code_, false, code_ === lang()));
    select.addEventListener('change', () => { I18N.set(select.value); render(); });
    document.getElementById('logout-form').addEventListener('submit', () => {
      document.getElementById('logout-csrf').value = csrfToken();
    });
    window.addEventListener('hashchange', render);
    window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
    state.me = await api('/api/me');
    await render();
  }

  start();
})();
