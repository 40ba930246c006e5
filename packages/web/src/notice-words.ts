/**
 * The words of notifications in the console and the phone app (DESIGN §4, §7), under the
 * apps' `notices.*` keys: the one text both message centres show for an event.
 */
export const noticeWordsZhCN = {
  unknown: '您有一条新的平台通知。',
  yourUnit: '本单位',
  noReason: '未填写',
  separator: '、',
  share: '，您个人计 {share} 分',
  checkpoint: { 'quota-mid': '已过半', 'quota-30d': '距结束不足30天' },
  outcome: { approved: '审核通过', forwarded: '通过并报送', returned: '退回', withdrawn: '撤回' },
  label: {
    other: '通知',
    review_requested: '待审核',
    review_settled: '已处理',
    draft_idle: '草稿未提交',
    submission_forwarded: '已报送',
    submission_returned: '退回',
    submission_adopted: '采用',
    submission_not_adopted: '未采用',
    adoption_credited: '采用喜报',
    unit_adoption: '采用喜报',
    review_pending: '审核提醒',
    review_escalated: '审核督办',
    quota_digest: '报送进度',
    quota_behind: '报送提醒',
    incident_deadline_soon: '舆情预警',
    incident_deadline_missed: '舆情超时',
    incident_opened: '重大舆情',
    incident_reported: '舆情上报',
    incident_closed: '舆情办结',
    bulletin_appeal_open: '通报征求意见',
  },
  kinds: {
    review_requested: '{unit}的稿件《{title}》（作者：{author}）已提交，等待您审核。',
    review_settled: '{unit}的稿件《{title}》已由 {actor} 于 {at} {outcome}，无需您再审核。',
    draft_idle: '您的草稿《{title}》自 {since} 起未提交审核。请完成后提交，不再需要的请撤回。',
    submission_forwarded:
      '您的稿件《{title}》已通过单位审核（审核人：{reviewer}），已报送县教体局。',
    submission_returned:
      '您的稿件《{title}》被退回（审核人：{reviewer}）。退回原因：{reason}。请修改后重新提交。',
    submission_adopted: '您的稿件《{title}》已被县教体局采用。意见：{reason}',
    submission_not_adopted: '您的稿件《{title}》本次未被采用。意见：{reason}',
    adoption_credited: '您的稿件《{title}》被{outlet}（{level}）采用，本篇得 {points} 分',
    unit_adoption: '本单位稿件《{title}》被{outlet}（{level}）采用，得 {points} 分',
    review_pending:
      '{unit}的稿件《{title}》自 {since} 起等待审核，已超过 {hours} 小时，请尽快审核。',
    review_escalated:
      '{unit}的稿件《{title}》自 {since} 起等待审核，已超过 {hours} 小时仍未处理，请督促或直接审核。',
    quota_digest: '{period}{checkpoint}，以下单位报送量不足任务的一半：{units}',
    quota_behind: '{period}{checkpoint}，本单位报送量不足任务的一半：{units}，请抓紧组织报送。',
    incident_deadline_soon:
      '{severity}舆情《{title}》（{unit}）的“{step}”时限将于 {dueAt} 到期，请立即处置。',
    incident_deadline_missed:
      '{severity}舆情《{title}》（{unit}）的“{step}”已于 {dueAt} 超时，请立即处置。',
    incident_opened:
      '{unit}刚登记{severity}舆情事件《{title}》，须在 30 分钟内上报县教体局，请立即督办。',
    incident_reported: '{unit}报告{severity}舆情事件《{title}》，请及时审核跟进。',
    incident_closed: '{severity}舆情事件《{title}》（{unit}）已经局审核办结。',
    bulletin_appeal_open:
      '{period}考评通报（草稿）已公示，涉及{unit}。如有异议，请在 {deadline} 前提出申诉。',
  },
};

export const noticeWordsEn: typeof noticeWordsZhCN = {
  unknown: 'You have a new notification.',
  yourUnit: 'your unit',
  noReason: 'not given',
  separator: ', ',
  share: ', {share} of them yours',
  checkpoint: { 'quota-mid': ' is half over', 'quota-30d': ' has less than 30 days left' },
  outcome: {
    approved: 'approved',
    forwarded: 'approved and forwarded',
    returned: 'returned',
    withdrawn: 'withdrawn',
  },
  label: {
    other: 'Notice',
    review_requested: 'To review',
    review_settled: 'Handled',
    draft_idle: 'Draft not submitted',
    submission_forwarded: 'Forwarded',
    submission_returned: 'Returned',
    submission_adopted: 'Adopted',
    submission_not_adopted: 'Not adopted',
    adoption_credited: 'Published',
    unit_adoption: 'Published',
    review_pending: 'Review reminder',
    review_escalated: 'Review overdue',
    quota_digest: 'Reporting progress',
    quota_behind: 'Reporting reminder',
    incident_deadline_soon: 'Incident warning',
    incident_deadline_missed: 'Incident overdue',
    incident_opened: 'Major incident',
    incident_reported: 'Incident reported',
    incident_closed: 'Incident closed',
    bulletin_appeal_open: 'Bulletin open for appeal',
  },
  kinds: {
    review_requested:
      '"{title}" from {unit} (by {author}) was submitted and waits for your review.',
    review_settled:
      '"{title}" from {unit} was {outcome} by {actor} at {at}; no review is needed from you.',
    draft_idle:
      'Your draft "{title}" has not been submitted since {since}. Finish and submit it, or withdraw it if it is no longer needed.',
    submission_forwarded:
      'Your item "{title}" passed unit review (reviewer: {reviewer}) and went to the county bureau.',
    submission_returned:
      'Your item "{title}" was returned (reviewer: {reviewer}). Reason: {reason}. Please revise and submit it again.',
    submission_adopted: 'Your item "{title}" was adopted by the county bureau. Comment: {reason}',
    submission_not_adopted: 'Your item "{title}" was not adopted this time. Comment: {reason}',
    adoption_credited:
      'Your item "{title}" was published by {outlet} ({level}) and earned {points} points',
    unit_adoption:
      'Your unit\'s item "{title}" was published by {outlet} ({level}) and earned {points} points',
    review_pending:
      '"{title}" from {unit} has waited for review since {since}, more than {hours} hours. Please review it soon.',
    review_escalated:
      '"{title}" from {unit} has waited for review since {since}, more than {hours} hours, and is still untouched.',
    quota_digest: '{period}{checkpoint}; these units reported less than half their quota: {units}',
    quota_behind:
      '{period}{checkpoint}; your unit reported less than half its quota: {units}. Please report soon.',
    incident_deadline_soon:
      'The "{step}" deadline of the {severity} incident "{title}" ({unit}) runs out at {dueAt}. Please act now.',
    incident_deadline_missed:
      'The "{step}" deadline of the {severity} incident "{title}" ({unit}) passed at {dueAt}. Please act now.',
    incident_opened:
      '{unit} just registered the {severity} incident "{title}"; it must be reported to the bureau within 30 minutes. Please follow it up now.',
    incident_reported:
      '{unit} reported the {severity} incident "{title}". Please review and follow it up.',
    incident_closed: 'The bureau closed the {severity} incident "{title}" ({unit}).',
    bulletin_appeal_open:
      'The draft bulletin for {period} is out and covers {unit}. Appeal before {deadline} if you disagree.',
  },
};
