help =
    教育信息宣传工作平台机器人
    
    1. 绑定账号：在后台“单位与人员”生成个人绑定码，然后私聊我发送 /start 绑定码（例如 /start ABCD2345）。
    2. 绑定工作群：单位管理员在工作群里发送 /bindgroup 绑定码。
    3. 报送快报：在已绑定的工作群发送 /kb 标题，换行写正文，可附图片或相册；也可以回复一条消息发送 /kb，把它转成快报。
    4. 审核：稿件提交后，审核人会收到私信，点“通过并报送”或“退回”。
    
    /my 我的稿件 · /rank 本单位排名 · /yq 报告舆情 · /help 查看本说明

start-private-only = 请私聊我发送 /start 绑定码，绑定码不要发在群里。
links-private-only = 请私聊我发送 /links 查看和解除您的绑定。
links-shown = 本 Telegram 账号绑定的是：{ $name }（{ $unit }），绑定于 { $at }。不再使用本账号时，点“解除绑定”。
button-unlink = 解除绑定
unlinked = 已解除绑定。需要时请在后台生成新的绑定码，再私聊我发送 /start 绑定码。
link-code-leaked-group = 这是个人绑定码，发在群里已不安全，已立即作废。请本人私聊我，使用后台新生成的绑定码绑定。
link-code-leaked-dm = 您（{ $name }）的个人绑定码刚才出现在群里，为防止他人冒用已作废。请在后台“我的账号”重新生成绑定码，然后在与我的私聊中发送 /start 新绑定码。
link-replaced = 注意：{ $name } 的账号刚刚改为绑定 Telegram 账号 { $account }，本账号已解除绑定。如果不是您本人操作，请立即联系管理员。
link-code-wrong-kind = 这是工作群绑定码，请在单位工作群里发送 /bindgroup 绑定码；个人绑定请向管理员索取个人绑定码。
linked-person =
    绑定成功：您好，{ $name }（{ $unit }）。
    下一步：在本单位工作群发送 /kb 报送快报，发送 /my 查看我的稿件，发送 /help 查看全部功能。
bindgroup-group-only = /bindgroup 只能在单位工作群里使用：请把我加入工作群，然后在群里发送 /bindgroup 绑定码。
bindgroup-usage = 请在 /bindgroup 后写上后台生成的工作群绑定码，例如 /bindgroup ABCD2345。
linked-group =
    本群已绑定到“{ $unit }”。
    下一步：已绑定账号的同事在群里发送 /kb 标题和正文（可附图片）即可生成快报草稿。
refused = 未能完成：{ $reason }
unlinked-user = 您的 Telegram 账号尚未绑定平台人员，没有生成任何内容。请向本单位管理员或宣传股索取绑定码，然后私聊我发送 /start 绑定码（例如 /start ABCD2345）。
group-unlinked = 本群尚未绑定单位，没有生成任何内容。请单位管理员在后台“单位与人员”中生成工作群绑定码，然后在本群发送 /bindgroup 绑定码。
kb-empty = 快报没有内容：请在 /kb 后写标题（第一行）和正文，或回复一条消息发送 /kb。
kb-untitled = 图片快报（请补充标题）
kb-no-words = 快报只有表情，没有文字，没有生成草稿。请发送 /kb 标题，换行写正文（可附图片），例如：/kb 城关镇第一小学举行秋季运动会
kb-sticker = 贴纸不能作为快报，没有生成草稿。请发送 /kb 标题，换行写正文（可附图片）；也可以回复一条文字或图片消息发送 /kb。
kb-repeat-ask = 您在 1 分钟内发送了相同的快报，已有草稿《{ $title }》。这条是重复发送的吗？
btn-repeat-ignore = 是重复，忽略
btn-repeat-new = 不是，再建一条
kb-repeat-ignored = 已忽略重复的快报，没有再建草稿。
kb-repeat-made = 已按您的选择再建一条草稿。
kb-repeat-not-yours = 只有发送这条快报的人可以选择。
kb-repeat-expired = 这个问题已过期，请重新发送 /kb。
sent-privately = 已私信发送，请查看与我的私聊。
dm-first = 我还不能私信您：请先点下方按钮打开与我的私聊并点“开始”，然后在群里重新发送 { $command }。
btn-open-dm = 打开与机器人的私聊
kb-mentions-unknown = 未找到 { $name }：对方未绑定本平台，或不是本单位（含所属学校）的人员。快报已建立，未计入合作作者。
file-too-large = 这个{ $kind ->
        [video] 视频
       *[other] 图片
    }有 { $size } MB，超过了 { $limit } MB 的上限，没有加到稿件上。请压缩后重新发送，或在后台“稿件”中上传。
stale = 稿件已被修改，请重新查看后再审核。
link-code-unknown = 绑定码不存在，请核对后重新发送，或向管理员重新索取。
card =
    📝 快报草稿（{ $unit }）
    标题：{ $title }
    正文：{ $body }
    事件时间：{ $eventAt }
    图片：{ $photos } 张
    状态：{ $state }
    { $next }
card-next-draft = 下一步：点“提交审核”报送单位审核；回复本消息可补充文字和图片；点“撤回”放弃这篇草稿。
card-next-withdrawn = 草稿已撤回。需要时可重新发送 /kb 报送。
card-next-submitted = 已提交，审核人会收到通知。发送 /my 可查看进度。
card-no-body = （无正文，可回复本消息补充）
btn-submit = 提交审核
btn-more = 补充
btn-withdraw = 撤回
btn-full = 查看全文
btn-edit-sign = 修改后签发
review-full =
    《{ $title }》第 { $revision } 版全文 · 图片 { $photos } 张

    { $body }

    读完后点“通过并报送”；需要修改请点“修改后签发”，或点“退回”并写明原因。
btn-approve = 通过并报送
btn-return = 退回
btn-open = 在后台打开
review-card =
    【待审核】{ $unit }《{ $title }》
    作者：{ $author } · 第 { $revision } 版 · 事件时间 { $eventAt } · 图片 { $photos } 张
    
    { $body }
    
    点“查看全文”阅读全文后再审核；不同意请点“退回”并写明原因。
review-done-card =
    【已处理】{ $unit }《{ $title }》第 { $revision } 版

    { $note }
review-settled-answer = 该稿件已由 { $actor } 于 { $at } { $outcome ->
        [approved] 审核通过
        [returned] 退回
        [withdrawn] 撤回
       *[forwarded] 通过并报送
    }，无需您再审核。
review-not-waiting = 这篇稿件当前为“{ $state }”，不在等待您审核，无需操作。
not-draft = 这篇稿件已提交，不能再从群里补充。需要修改请在后台“稿件”中处理，发送 /my 查看进度。
note-added-from-chat = 在工作群中补充
note-edited-in-chat = 在工作群中修改了原消息
added = 已补充：文字 { $chars } 字，图片 { $photos } 张。可以继续回复卡片补充，完成后点“提交审核”。
edit-too-late = 这篇稿件已提交，修改原消息不会再改变稿件。需要修改请在后台“稿件”中处理。
edit-applied = 草稿已按修改后的消息更新。完成后点卡片上的“提交审核”。
more-hint = 请直接回复快报卡片，发送要补充的文字或图片。
submitted = 已提交审核
withdrawn = 草稿已撤回
return-ask = 请发送退回原因（作者会看到），发送“取消”放弃退回。
return-cancelled = 已取消退回，稿件仍在等待您审核。
returned-done = 已退回作者，原因已转达。作者修改后会再次提交给您。
approved = 已通过并报送
approved-note = ✅ 您已审核通过，当前状态：{ $state }。
approved-comment-ask = 《{ $title }》已通过并报送。如有审核意见，可在 2 分钟内回复本消息补充（可不填）；至少 10 个字、不是“同意”之类套话的意见计入审核深度。
approved-comment-placeholder = 审核意见（可不填）
approved-comment-done = 已记下您的审核意见。
card-major = 🔴 重大信息：须在 { $deadline } 前报送县教体局，逾期计迟报。
btn-major = 标记重大
btn-fix = 修改
btn-resubmit = 重新提交
btn-withdraw-item = 撤回
btn-my-open = { $n }. 详情
btn-my-submit = { $n }. 提交
btn-my-withdraw = { $n }. 撤回
fix-ask = 请回复本消息，发送修改后的《{ $title }》：第一行为标题，其余为正文（只发一行则只改标题）；回复照片可添加图片。改好后点“重新提交”。
fix-placeholder = 修改后的标题和正文
fix-done = 已修改《{ $title }》：第 { $revision } 版，图片 { $photos } 张。可继续回复修改，完成后点“重新提交”。
note-fixed-in-chat = 在私聊中修改
item-withdrawn = 稿件已撤回
marked-major = 已标记为重大信息：须在 { $deadline } 前报送县教体局。
my-empty = 您还没有稿件。在本单位工作群发送 /kb 标题和正文即可报送快报。
my-header = 我的稿件（共 { $total } 篇，最近 10 篇）：
my-item = { $n }. 《{ $title }》 { $state } · { $at }
my-next = 点下方按钮查看详情（可修改、标记重大）、提交草稿或撤回稿件。
rank-not-evaluated = “{ $unit }”不参加考评（只考评乡镇中心校和局直单位）。发送 /my 查看您的稿件。
rank =
    { $period } · { $unit }
    名次：第 { $rank } 名 / 共 { $of } 个单位 · 得分 { $score }
    报送 { $submitted }/{ $submittedTarget } 条 · 采用 { $adopted }/{ $adoptedTarget } 条 · 任务完成 { $completion }
    状态：{ $status }
    下一步：在工作群发送 /kb 报送更多稿件，精品稿件和高级别采用得分更高。
yq-private-only = 舆情请私聊我发送 /yq 报告，不要在群里讨论。
yq-severity = 报告舆情事件（随时发送“取消”可放弃）。第 1 步：请选择严重程度。
yq-severity-again = 请点上方按钮选择严重程度，或发送“取消”。
yq-summary =
    严重程度：{ $severity }。
    第 2 步：请发送事件概要，第一行写标题，后面写经过。
yq-summary-again = 请用文字发送事件概要，第一行写标题。
yq-link = 第 3 步：请发送在哪里发现的：链接，或平台名称（抖音、快手、微信群、微博、小红书等），或直接发送截图；都没有请发送“无”。
yq-place-line = 发现渠道：{ $place }
yq-where-none = 未提供
yq-where-screenshot = 截图（登记后附在事件上）
yq-confirm =
    请核对后登记：
    严重程度：{ $severity }
    标题：{ $title }
    来源：{ $source } · { $where }{ $screenshot ->
        [yes] （附截图）
       *[other] {""}
    }
    点“确认登记”登记事件，点“取消”放弃。
yq-confirm-again = 请点上方“确认登记”或“取消”。
btn-yq-confirm = 确认登记
btn-yq-cancel = 取消
yq-cancelled = 已取消，没有登记任何内容。
yq-done =
    已登记{ $severity }舆情《{ $title }》，您为责任人。
    下一步：点下方“立即上报”向县教体局报告，并在时限内处置、在后台“舆情”中更新进展；临近时限我会提醒您。
btn-yq-report = 立即上报
yq-reported-note = 通过聊天机器人立即上报
yq-reported = 已上报县教体局
yq-reported-done = 舆情《{ $title }》已上报县教体局。下一步：作出首次回应后在后台“舆情”中登记。
button-expired = 这个按钮已失效，请发送 /help 查看可用的操作。
api-unreachable = 系统暂时连不上，这条消息没有处理。请过几分钟重新发送；照片也请一起重发。
error = 出错了，这次操作没有完成。请稍后再试，或在后台完成。
command-kb = 在工作群报送快报（文字、图片）
command-my = 我的稿件和状态
command-rank = 本单位本期排名和任务进度
command-yq = 报告舆情事件
command-bindgroup = 绑定单位工作群
command-links = 查看或解除我的绑定
command-help = 使用说明
notice-unknown = 您有一条新的平台通知，请登录后台查看详情。
notice-your-unit = 本单位
notice-review_requested =
    【待审核】{ $unit }的稿件《{ $title }》{ $author ->
        [none] {""}
       *[other] （作者：{ $author }）
    }已提交，等待您审核。
    请阅读并修改后点击“通过并报送”，或点击“退回”并写明原因；也可以在后台“稿件”中打开审核。
notice-review_settled =
    【已处理】{ $actor } 已{ $outcome ->
        [approved] 审核通过
        [returned] 退回
        [withdrawn] 撤回
       *[forwarded] 通过并报送
    } { $at }
    { $unit }《{ $title }》无需您再审核。
notice-submission_forwarded =
    【审核结果】您的稿件《{ $title }》已通过单位审核{ $reviewer ->
        [none] {""}
       *[other] （审核人：{ $reviewer }）
    }，已报送县教体局宣传股。
    下一步：等待采用结果，发送 /my 可查看稿件进度。
notice-submission_returned =
    【审核结果】您的稿件《{ $title }》被退回{ $reviewer ->
        [none] {""}
       *[other] （审核人：{ $reviewer }）
    }。
    退回原因：{ $reason ->
        [none] 未填写
       *[other] { $reason }
    }
    下一步：请按意见修改后重新提交审核：点下方“修改”发送新内容，改好后点“重新提交”；也可在后台“稿件”中编辑。
notice-submission_adopted =
    【审核结果】您的稿件《{ $title }》已被县教体局采用{ $reason ->
        [none] {""}
       *[other] ，意见：{ $reason }
    }。
    下一步：刊发后将通知您采用媒体和得分，发送 /my 可查看稿件进度。
notice-submission_not_adopted =
    【审核结果】您的稿件《{ $title }》本次未被采用{ $reason ->
        [none] {""}
       *[other] ，意见：{ $reason }
    }。
    下一步：可参考意见改进后续稿件，多报送特色活动和典型经验，发送 /my 查看全部稿件。
notice-adoption_credited =
    【采用喜报】您的稿件《{ $title }》被{ $outlet }（{ $level }）采用，本篇得 { $points } 分{ $share ->
        [none] {""}
       *[other] ，您个人计 { $share } 分
    }。
    下一步：发送 /rank 查看本单位本期排名，欢迎继续报送精品稿件。
notice-unit_adoption =
    【采用喜报】本单位稿件《{ $title }》被{ $outlet }（{ $level }）采用，得 { $points } 分。
    发送 /rank 查看本单位本期排名和任务进度，请继续组织报送精品稿件。
notice-draft_idle =
    【草稿提醒】您的草稿《{ $title }》自 { $since } 起未提交审核。
    写好了就点“提交审核”；需要修改点“修改”；不再需要请点“撤回”。
notice-review_pending =
    【审核提醒】{ $unit }的稿件《{ $title }》自 { $since } 起等待审核，已超过 { $hours } 小时。
    请尽快审核：通过并报送，或退回并写明原因；也可以在后台“稿件”中处理。
notice-review-buttons = 点下方“查看全文”读完后即可通过，或点“退回”并写明原因。
notice-review_escalated =
    【审核督办】{ $unit }的稿件《{ $title }》自 { $since } 起等待审核，已超过 { $hours } 小时仍未处理。
    请督促分管领导今天内完成审核，或由您直接审核：通过并报送，或退回并写明原因。
notice-quota-line = · { $name }：{ $submitted }/{ $quota } 条
notice-quota_digest =
    【报送进度】{ $period }{ $checkpoint ->
        [quota-30d] 距结束不足30天
       *[other] 已过半
    }，以下单位报送量不足任务的一半：
    { $lines }
    请以上单位抓紧组织报送：在本群发送 /kb 加文字和图片即可快速报送。
notice-quota_behind =
    【报送提醒】{ $name }{ $period }已报送信息 { $submitted } 条，任务 { $quota } 条，本期{ $checkpoint ->
        [quota-30d] 距结束不足30天
       *[other] 已过半
    }。
    请抓紧组织报送：在工作群发送 /kb 加文字和图片即可快速报送，发送 /rank 查看进度。
notice-incident_deadline_soon =
    【舆情预警】{ $severity }舆情《{ $title }》（{ $unit }）的“{ $stepName }”时限将于 { $dueAt } 到期。
    { $role ->
        [escalation] 请督促责任人
       *[other] 请立即
    }{ $step ->
        [report] 向县教体局报告事件情况
        [respond] 作出首次回应
       *[other] 完成处置并提交处置结果
    }，并在后台“舆情”中登记。
notice-incident_deadline_missed =
    【舆情超时】{ $severity }舆情《{ $title }》（{ $unit }）的“{ $stepName }”已于 { $dueAt } 超时。
    { $role ->
        [escalation] 事件已上报到您这一级，请督促责任人立即
       *[other] 请立即
    }{ $step ->
        [report] 向县教体局报告事件情况
        [respond] 作出首次回应
       *[other] 完成处置并提交处置结果
    }，并在后台“舆情”中登记。
notice-incident_opened =
    【重大舆情】{ $unit }刚刚登记{ $severity }舆情事件《{ $title }》。
    须在 30 分钟内向县教体局报告，请立即督促责任人处置，并在后台“舆情”中跟进。
notice-incident_reported =
    【舆情上报】{ $unit }报告{ $severity }舆情事件《{ $title }》。
    请及时在后台“舆情”中审核跟进。
notice-incident_closed =
    【舆情办结】{ $severity }舆情事件《{ $title }》（{ $unit }）已经局审核办结。
    感谢处置，处置记录可在后台“舆情”中查看。
notice-bulletin_appeal_open =
    【通报征求意见】{ $period }考评通报（草稿）已公示，涉及{ $unit }。
    如对本单位结果有异议，请在 { $deadline } 前在后台“考评 → 通报”中提出申诉；逾期将正式发布。
