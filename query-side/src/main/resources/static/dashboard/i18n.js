/* Labels of the dashboard in English and Simplified Chinese; codes from the API (statuses, reasons) are translated
   where a label exists and shown as they are otherwise. */
(function () {
  const en = {
    title: 'Refund ledger', signIn: 'Sign in', username: 'User name', password: 'Password', signOut: 'Sign out',
    loginFailed: 'User name or password not accepted.', loggedOut: 'You have been signed out.', language: 'Language',
    nav_find: 'Find a refund', nav_reasons: 'Refund reasons', nav_cancellations: 'Cancellations', nav_kpis: 'Staff KPIs',
    nav_finance: 'Finance', nav_audit: 'Audit', nav_processors: 'Processors',
    forbidden: 'Access refused: your roles ({roles}) do not allow this page.', unauthenticated: 'Please sign in again.',
    notFound: 'Nothing found.', error: 'The request failed', loading: 'Loading…',
    from: 'From', to: 'To', granularity: 'Granularity', groupBy: 'Group by', show: 'Show', search: 'Search',
    DAY: 'Day', WEEK: 'Week', MONTH: 'Month', TOTAL: 'Total',
    reason: 'Reason', product: 'Product', segment: 'Segment', channel: 'Channel', plan: 'Plan', effect: 'Effect',
    applicationNumber: 'Application number or id', orderId: 'Order', customerId: 'Customer', subscriptionId: 'Subscription',
    status: 'Status', type: 'Type', paid: 'Paid', requested: 'Requested', approved: 'Approved', approvedN: 'Approved', toRefund: 'To refund',
    paidOut: 'Paid out', rejected: 'Rejected', withdrawn: 'Withdrawn', open: 'Open', applications: 'Applications',
    approvalRate: 'Approval rate', p90Resolution: 'p90 resolution', avgResolution: 'Avg. resolution', share: 'Share',
    topProducts: 'Top products', trend: 'Trend', breakdown: 'Breakdown', group: 'Group', total: 'Total',
    timeline: 'Timeline', step: 'Step', when: 'When', who: 'Who', detail: 'Detail',
    owner: 'Held by', nextStep: 'Next step', dueBy: 'Due by', since: 'In this step since', policy: 'Policy evaluation',
    policyVersion: 'Policy version', withinPolicy: 'Within policy', eligible: 'Eligible amount', rule: 'Rule', passed: 'Passed',
    deductions: 'Deductions', kind: 'Kind', amount: 'Amount', explanation: 'Explanation', payouts: 'Payouts',
    method: 'Method', attempt: 'Attempt', started: 'Started', completed: 'Completed', reference: 'Reference',
    failure: 'Failure reason', failed: 'Failed', returnShipment: 'Return', carrier: 'Carrier', tracking: 'Tracking number',
    orderTotals: 'Order totals', stillRefundable: 'Still refundable', reserved: 'Reserved', submitted: 'Submitted',
    yes: 'yes', no: 'no', none: '—', matches: '{n} applications found', open_: 'Open',
    cancellationsTitle: 'Cancellation reasons', requestedC: 'Requested', refused: 'Refused', revoked: 'Revoked',
    terminated: 'Terminated', netRefund: 'Net refund', refundPaid: 'Refund paid', p90Days: 'p90 days to termination',
    settlement: 'Settlement of a subscription', settlementLines: 'Settlement line by line', termDays: 'Term days',
    usedDays: 'Used days', unusedDays: 'Unused days', effectiveDate: 'Effective date', linkedRefund: 'Linked refund',
    leaderboard: 'Leaderboard', sortBy: 'Sort by', team: 'Team', staff: 'Staff member', rank: 'Rank', handled: 'Handled',
    medianReview: 'Median review', p90Review: 'p90 review', slaBreaches: 'SLA breaches', rating: 'Avg. rating',
    infoRequests: 'Info requests', reopenedRate: 'Reopened rate', memberFigures: 'Figures of {who} per period', value: 'Value',
    queues: 'Work queues', approvedUnpaid: 'Approved, not yet paid (oldest first)', age: 'Age since approval',
    approvedAt: 'Approved at', payoutsOfPeriod: 'Payouts of the period', failedPayouts: 'Failed payouts',
    totalsChart: 'Money approved, paid out and failed', daily: 'Daily', monthly: 'Monthly', downloadCsv: 'Download CSV (reconciliation)',
    previous: 'Previous', next: 'Next', page: '{from}–{to} of {total}', day: 'Day', count: 'Count', totalToPay: 'Total to pay',
    history: 'History', aggregate: 'Application, subscription or customer', historyOf: 'History of', event: 'Event',
    description: 'Description', stateAsOf: 'State as of an instant', asOf: 'As of (business time)', integrity: 'Integrity check',
    checkLog: 'Check whole log', checkOne: 'Check this aggregate', intact: 'Intact', broken: 'Broken', commitsChecked: 'Commits checked',
    dossier: 'Printable dispute dossier', openDossier: 'Open dossier', accessLog: 'Access log (latest 50)', path: 'Path',
    position: 'Position', eventsApplied: 'Events applied', processors: 'Event processors', headPosition: 'Head of the event store',
    name: 'Name', running: 'Running', replaying: 'Replaying', lag: 'Lag', replay: 'Replay', progressC: 'Progress',
    replayStarted: 'Replay of {name} started.', replayDone: 'Replay of {name} finished.', generation: 'Generation',
    rebuild: 'Rebuild (blue/green)', rebuildHint: 'Fills a new generation while the current one keeps answering, then switches to it',
    rebuildStarted: 'Rebuilding {name} into generation {generation}; the current one answers meanwhile.',
    rebuildDone: '{name} switched to generation {generation}.', kindApplication: 'application',
    kindSubscription: 'subscription', kindCustomer: 'customer', signedInAs: 'Signed in as', subscriptionLink: 'Subscription',
    roles: 'Roles', findHint: 'Enter an application number (e.g. RF-20261123-000001), an order or a customer.'
  };
  const zh = {
    title: '退费台账', signIn: '登录', username: '用户名', password: '密码', signOut: '退出登录',
    loginFailed: '用户名或密码不正确。', loggedOut: '您已退出登录。', language: '语言',
    nav_find: '查询退费', nav_reasons: '退款原因', nav_cancellations: '退订分析', nav_kpis: '绩效考核',
    nav_finance: '财务', nav_audit: '审计', nav_processors: '事件处理器',
    forbidden: '拒绝访问：您的角色（{roles}）无权查看此页面。', unauthenticated: '请重新登录。',
    notFound: '未找到。', error: '请求失败', loading: '加载中…',
    from: '开始日期', to: '结束日期', granularity: '粒度', groupBy: '分组', show: '显示', search: '查询',
    DAY: '日', WEEK: '周', MONTH: '月', TOTAL: '合计',
    reason: '原因', product: '产品', segment: '客户群', channel: '渠道', plan: '套餐', effect: '生效方式',
    applicationNumber: '退费申请编号或 ID', orderId: '订单', customerId: '客户', subscriptionId: '订阅',
    status: '状态', type: '类型', paid: '已付金额', requested: '申请金额', approved: '批准金额', approvedN: '通过数', toRefund: '应退金额',
    paidOut: '已退款', rejected: '已拒绝', withdrawn: '已撤回', open: '处理中', applications: '申请数',
    approvalRate: '通过率', p90Resolution: 'P90 处理时长', avgResolution: '平均处理时长', share: '占比',
    topProducts: '退款最多的产品', trend: '趋势', breakdown: '构成', group: '分组', total: '合计',
    timeline: '处理进度', step: '步骤', when: '时间', who: '操作人员', detail: '说明',
    owner: '当前处理人', nextStep: '下一步', dueBy: '截止时间', since: '进入当前步骤', policy: '退款政策评估',
    policyVersion: '政策版本', withinPolicy: '符合政策', eligible: '可退金额', rule: '规则', passed: '通过',
    deductions: '扣除项', kind: '类别', amount: '金额', explanation: '说明', payouts: '退款支付',
    method: '退款方式', attempt: '次数', started: '开始', completed: '完成', reference: '流水号',
    failure: '失败原因', failed: '失败', returnShipment: '退货', carrier: '快递公司', tracking: '快递单号',
    orderTotals: '订单合计', stillRefundable: '剩余可退', reserved: '已占用', submitted: '提交时间',
    yes: '是', no: '否', none: '—', matches: '找到 {n} 个申请', open_: '打开',
    cancellationsTitle: '退订原因', requestedC: '申请退订', refused: '被拒', revoked: '已撤销',
    terminated: '已终止', netRefund: '净退款', refundPaid: '已退款', p90Days: 'P90 终止天数',
    settlement: '订阅结算', settlementLines: '逐项结算', termDays: '合同天数',
    usedDays: '已用天数', unusedDays: '未用天数', effectiveDate: '生效日期', linkedRefund: '关联退费',
    leaderboard: '排行榜', sortBy: '排序', team: '团队', staff: '员工', rank: '名次', handled: '处理数',
    medianReview: '审核时长中位数', p90Review: 'P90 审核时长', slaBreaches: '超时次数', rating: '平均满意度',
    infoRequests: '补充资料请求', reopenedRate: '重开率', memberFigures: '{who} 各期数据', value: '数值',
    queues: '工作队列', approvedUnpaid: '已批准未付款（最久优先）', age: '批准至今',
    approvedAt: '批准时间', payoutsOfPeriod: '本期退款支付', failedPayouts: '失败的支付',
    totalsChart: '批准、已付和失败金额', daily: '按日', monthly: '按月', downloadCsv: '下载 CSV（对账）',
    previous: '上一页', next: '下一页', page: '第 {from}–{to} 条，共 {total} 条', day: '日期', count: '笔数', totalToPay: '待付合计',
    history: '历史', aggregate: '申请、订阅或客户', historyOf: '历史：', event: '事件',
    description: '描述', stateAsOf: '某一时刻的状态', asOf: '时刻（业务时区）', integrity: '完整性校验',
    checkLog: '校验整个日志', checkOne: '校验此对象', intact: '完整', broken: '已损坏', commitsChecked: '已校验提交',
    dossier: '可打印的争议档案', openDossier: '打开档案', accessLog: '访问日志（最近 50 条）', path: '路径',
    position: '位置', eventsApplied: '已应用事件', processors: '事件处理器', headPosition: '事件存储最新位置',
    name: '名称', running: '运行中', replaying: '重放中', lag: '延迟', replay: '重放', progressC: '进度',
    replayStarted: '已开始重放 {name}。', replayDone: '{name} 重放完成。', generation: '代',
    rebuild: '重建（蓝绿）', rebuildHint: '在新的一代中重建，当前一代继续应答查询，追上后切换',
    rebuildStarted: '正在将 {name} 重建为第 {generation} 代；期间由当前一代应答。',
    rebuildDone: '{name} 已切换到第 {generation} 代。', kindApplication: '申请',
    kindSubscription: '订阅', kindCustomer: '客户', signedInAs: '当前用户', subscriptionLink: '订阅',
    roles: '角色', findHint: '输入退费申请编号（如 RF-20261123-000001）、订单号或客户号。'
  };
  /* Codes the API sends, with their Chinese names from the domain glossary. */
  const zhCodes = {
    SUBMITTED: '待审核', UNDER_REVIEW: '审核中', APPROVED: '审核通过', PAYOUT_IN_PROGRESS: '退款处理中', PAID: '已退款',
    REJECTED: '已拒绝', WITHDRAWN: '已撤回', PAYOUT_FAILED: '退款失败', AWAITING_SECOND_APPROVAL: '待二次审批',
    AWAITING_INFORMATION: '待补充资料', AWAITING_RETURN: '待退货', RETURN_IN_TRANSIT: '退货运输中', RETURN_RECEIVED: '已收货', EXCHANGED: '已换货',
    ORIGINAL_PAYMENT: '原路退回', ACCOUNT_BALANCE: '账户余额', THIRD_PARTY: '第三方支付平台', BANK_TRANSFER: '银行转账',
    REFUND_ONLY: '仅退款', RETURN_AND_REFUND: '退货退款', EXCHANGE: '换货', STARTED: '处理中', IN_PROGRESS: '处理中', SUCCEEDED: '成功', FAILED: '失败', PENDING: '待处理',
    PRODUCT_QUALITY: '产品质量', WRONG_ITEM: '发错商品', DAMAGED_IN_TRANSIT: '运输损坏', NOT_AS_DESCRIBED: '与描述不符',
    SERVICE_NOT_AS_EXPECTED: '服务未达预期', TECHNICAL_PROBLEMS: '技术问题', TOO_HARD_TO_USE: '难以使用',
    BUSINESS_CHANGE: '业务变化', PRICE_CHANGE: '购买后降价', DUPLICATE_CHARGE: '重复扣款', OTHER: '其他',
    NO_LONGER_NEEDED: '不再需要', SYSTEM_PERFORMANCE: '系统性能问题', CONTRACT_TERMS: '合同条款不合适', SWITCHED_PROVIDER: '更换供应商',
    PRICE: '价格', IMMEDIATELY: '立即', END_OF_TERM: '到期', ONLINE: '线上', OFFLINE: '线下'
  };
  window.I18N = {
    languages: {en: 'English', 'zh-CN': '简体中文'},
    current() { return localStorage.getItem('ledger.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en'); },
    set(lang) { localStorage.setItem('ledger.lang', lang); },
    t(key, values) {
      const table = this.current() === 'zh-CN' ? zh : en;
      let text = table[key] ?? en[key] ?? key;
      for (const [k, v] of Object.entries(values || {})) text = text.replace('{' + k + '}', v);
      return text;
    },
    code(value) {
      if (value === null || value === undefined) return '—';
      return this.current() === 'zh-CN' ? (zhCodes[value] || value) : String(value);
    }
  };
})();
