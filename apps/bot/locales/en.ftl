help =
    Education information platform bot

    1. Link your account: get a personal link code in the console (Units & people), then send me /start CODE in a direct message (e.g. /start ABCD2345).
    2. Link a work group: a unit admin sends /bindgroup CODE in the group.
    3. Quick report: in a linked group send /kb Title, the body on the next lines, with photos or an album; or reply /kb to a message to turn it into a report.
    4. Review: reviewers get a direct message with Approve and Return buttons.

    /my my items · /rank unit ranking · /yq report an incident · /help this text

start-private-only = Send /start CODE to me in a direct message, not in the group.
links-private-only = Send /links to me in a direct message to see and end your links.
links-shown = This Telegram account is linked to { $name } ({ $unit }) since { $at }. Press Unlink when you no longer use it.
button-unlink = Unlink
unlinked = Unlinked. To link again, create a code in the console and send /start CODE to me here.
link-code-leaked-group = That was a personal link code; posted in a group it is no longer safe and has been voided. Its owner should message me directly with a new code from the console.
link-code-leaked-dm = Your ({ $name }) personal link code was just posted in a group and has been voided so that nobody else can use it. Create a new code in the console and send /start NEW-CODE to me here.
link-replaced = Note: { $name } is now linked to the Telegram account { $account }, and this account has been unlinked. If you did not do this, contact your administrator at once.
link-code-wrong-kind = This is a group code: send /bindgroup CODE in the unit's work group. Ask your admin for a personal code to link your account.
linked-person =
    Linked: hello, { $name } ({ $unit }).
    Next: send /kb in your unit's work group to post a quick report, /my to see your items, /help for everything else.
bindgroup-group-only = /bindgroup works in a work group only: add me to the group and send /bindgroup CODE there.
bindgroup-usage = Add the group code from the console after /bindgroup, e.g. /bindgroup ABCD2345.
linked-group =
    This group is now linked to "{ $unit }".
    Next: linked colleagues send /kb with a title and text (photos welcome) to create a quick-report draft.
refused = Not done: { $reason }
unlinked-user = Your Telegram account is not linked to a person on the platform, so nothing was created. Ask your unit's admin for a link code, then send me /start CODE in a direct message (e.g. /start ABCD2345).
group-unlinked = This group is not linked to a unit, so nothing was created. A unit admin creates a group code in the console (Units & people) and sends /bindgroup CODE here.
kb-empty = The report is empty: write a title (first line) and text after /kb, or reply /kb to a message.
kb-untitled = Photo report (please add a title)
kb-no-words = The report has only emoji and no words, so no draft was made. Send /kb with a title, then the text on the next lines (photos welcome), e.g. /kb Sports day at No. 1 Primary School
kb-sticker = A sticker cannot be a report, so no draft was made. Send /kb with a title, then the text on the next lines (photos welcome), or reply /kb to a text or photo message.
kb-repeat-ask = You sent the same report within a minute; there is already a draft "{ $title }". Is this one sent twice by mistake?
btn-repeat-ignore = Yes, ignore it
btn-repeat-new = No, make another
kb-repeat-ignored = The repeated report was ignored; no second draft was made.
kb-repeat-made = Another draft is made, as you chose.
kb-repeat-not-yours = Only the person who sent this report can choose.
kb-repeat-expired = This question has expired; please send /kb again.
sent-privately = Sent to you in a direct message; please check your chat with me.
dm-first = I cannot write to you yet: tap the button below to open a chat with me and press Start, then send { $command } in the group again.
btn-open-dm = Open a chat with the bot
kb-mentions-unknown = Could not find { $name }: not linked to the platform, or not of this unit (or its schools). The report was made without them as co-authors.
file-too-large = This { $kind ->
        [video] video
       *[other] image
    } is { $size } MB, over the { $limit } MB limit, and was not added to the item. Please compress it and send it again, or upload it in the console under Submissions.
stale = The item was changed; please look at it again before deciding.
link-code-unknown = Unknown link code: check it and send it again, or ask your admin for a new one.
card =
    📝 Quick report draft ({ $unit })
    Title: { $title }
    Text: { $body }
    Event time: { $eventAt }
    Photos: { $photos }
    State: { $state }
    { $next }
card-next-draft = Next: press Submit to send it for unit review; reply to this card to add text or photos; press Withdraw to drop the draft.
card-next-withdrawn = The draft was withdrawn. Send /kb again whenever you like.
card-next-submitted = Submitted; the reviewers are notified. Send /my to follow it.
card-no-body = (no text yet; reply to this card to add some)
btn-submit = Submit
btn-more = Add
btn-withdraw = Withdraw
btn-full = Read in full
btn-edit-sign = Edit and sign
review-full =
    “{ $title }”, version { $revision }, in full · { $photos } photo(s)

    { $body }

    When you have read it, press “Approve and forward”; to change it press “Edit and sign”, or “Return” with a reason.
btn-approve = Approve and forward
btn-return = Return
btn-open = Open in console
review-card =
    To review — { $unit }: "{ $title }"
    Author: { $author } · revision { $revision } · event { $eventAt } · { $photos } photo(s)

    { $body }

    Press “Read in full” to read the whole item before deciding, or Return with a reason.
review-done-card =
    Done — { $unit }: "{ $title }", revision { $revision }

    { $note }
review-settled-answer = { $actor } already { $outcome ->
        [approved] approved
        [returned] returned
        [withdrawn] withdrew
       *[forwarded] approved and forwarded
    } this item at { $at }; nothing more to do.
review-not-waiting = This item is now “{ $state }” and is not waiting for your review; nothing to do.
not-draft = This item was submitted and can no longer be added to from the group. Edit it in the console; send /my to follow it.
note-added-from-chat = added in the work group
note-edited-in-chat = the original message was edited
added = Added: { $chars } characters, { $photos } photo(s). Reply to the card again to add more, then press Submit.
edit-too-late = This item was already submitted; editing the message no longer changes it. Edit it in the console.
edit-applied = The draft now follows the edited message. Press Submit on the card when it is ready.
more-hint = Reply to the quick-report card with the text or photos to add.
submitted = Submitted for review
withdrawn = Draft withdrawn
return-ask = Send the reason for returning it (the author will see it), or "cancel" to keep it.
return-cancelled = Return cancelled; the item still waits for your review.
returned-done = Returned to the author with your reason. They will submit it again after editing.
approved = Approved and forwarded
approved-note = ✅ You approved it; it is now: { $state }.
approved-comment-ask = “{ $title }” is approved and sent on. To add a review comment, reply to this message within 2 minutes (optional); a comment of 10 characters or more that is not a stock phrase such as “agreed” counts for review depth.
approved-comment-placeholder = Review comment (optional)
approved-comment-done = Your review comment is recorded.
card-major = 🔴 Major information: it must reach the county bureau by { $deadline }, or it counts as late.
btn-major = Mark as major
btn-fix = Edit
btn-resubmit = Submit again
btn-withdraw-item = Withdraw
btn-my-open = { $n }. Details
btn-my-submit = { $n }. Submit
btn-my-withdraw = { $n }. Withdraw
fix-ask = Reply to this message with the new text of "{ $title }": the first line is the title, the rest the body (one line changes only the title); reply with photos to add them. Then tap "Submit again".
fix-placeholder = New title and body
fix-done = "{ $title }" updated: revision { $revision }, { $photos } photo(s). Reply again to change more, then tap "Submit again".
note-fixed-in-chat = Edited in a direct message
item-withdrawn = Item withdrawn
marked-major = Marked as major information: it must reach the county bureau by { $deadline }.
my-empty = You have no items yet. Send /kb with a title and text in your unit's work group.
my-header = My items ({ $total } in all, latest 10):
my-item = { $n }. "{ $title }" { $state } · { $at }
my-next = Tap a button below to see an item (and edit it or mark it major), submit a draft or withdraw an item.
rank-not-evaluated = "{ $unit }" is not evaluated (only township centers and direct units are). Send /my to see your items.
rank =
    { $period } · { $unit }
    Rank { $rank } of { $of } · score { $score }
    Submitted { $submitted }/{ $submittedTarget } · adopted { $adopted }/{ $adoptedTarget } · quota { $completion }
    Status: { $status }
    Next: send /kb in the work group to report more; quality items and higher-level adoptions score more.
yq-private-only = Report public-opinion incidents to me in a direct message with /yq, not in the group.
yq-severity = Report an incident (send "cancel" at any time to stop). Step 1: choose the severity.
yq-severity-again = Press one of the buttons above, or send "cancel".
yq-summary =
    Severity: { $severity }.
    Step 2: send a summary, the title on the first line and what happened below.
yq-summary-again = Send the summary as text, the title on the first line.
yq-link = Step 3: tell me where it was seen: a link, or the platform's name (Douyin, Kuaishou, a WeChat group, Weibo, Xiaohongshu…), or just send a screenshot; send "none" if you have none.
yq-place-line = Seen on: { $place }
yq-where-none = not given
yq-where-screenshot = a screenshot (attached to the incident once registered)
yq-confirm =
    Please check before registering:
    Severity: { $severity }
    Title: { $title }
    Source: { $source } · { $where }{ $screenshot ->
        [yes] {" "}(with a screenshot)
       *[other] {""}
    }
    Press "Register" to register the incident, or "Cancel" to drop it.
yq-confirm-again = Please press "Register" or "Cancel" above.
btn-yq-confirm = Register
btn-yq-cancel = Cancel
yq-cancelled = Cancelled; nothing was registered.
yq-done =
    The { $severity } incident "{ $title }" is registered, with you as the person responsible.
    Next: press "Report now" below to report it to the county bureau, handle it within the deadlines and update its progress in the console under Incidents; I will remind you before each deadline.
btn-yq-report = Report now
yq-reported-note = Reported at once from the chat bot
yq-reported = Reported to the county bureau
yq-reported-done = The incident "{ $title }" was reported to the county bureau. Next: record the first response in the console under Incidents.
button-expired = This button no longer works; send /help to see what you can do.
api-unreachable = The system cannot be reached right now and this message was not handled. Please send it again in a few minutes, photos included.
error = Something went wrong and this was not done. Try again later, or use the console.
command-kb = Post a quick report in a work group
command-my = My items and their state
command-rank = My unit's rank and quota this period
command-yq = Report a public-opinion incident
command-bindgroup = Link a unit work group
command-links = See or end my links
command-help = How to use the bot
notice-unknown = You have a new notification. Please open the console for details.
notice-your-unit = your unit
notice-review_requested = [To review] "{ $title }" from { $unit }{ $author ->
        [none] {""}
       *[other] {" "}(by { $author })
    } was submitted and waits for your review.
    Read it, edit it if needed and tap "Approve and forward", or tap "Return" and give a reason; you can also review it in the console under Submissions.
notice-review_settled = [Handled] { $actor } { $outcome ->
        [approved] approved
        [returned] returned
        [withdrawn] withdrew
       *[forwarded] approved and forwarded
    } it at { $at }
    “{ $title }” ({ $unit }) needs no review from you.
notice-submission_forwarded = [Review result] Your item "{ $title }" passed unit review{ $reviewer ->
        [none] {""}
       *[other] {" "}(reviewer: { $reviewer })
    } and was forwarded to the county bureau.
    Next: wait for the adoption result; send /my to follow your items.
notice-submission_returned = [Review result] Your item "{ $title }" was returned{ $reviewer ->
        [none] {""}
       *[other] {" "}(reviewer: { $reviewer })
    }.
    Reason: { $reason ->
        [none] not given
       *[other] { $reason }
    }
    Next: revise it as asked and submit it again: tap "Edit" below to send the new text, then "Submit again"; or edit it in the console under Submissions.
notice-submission_adopted = [Review result] Your item "{ $title }" was adopted by the county bureau{ $reason ->
        [none] {""}
       *[other] {""}; comment: { $reason }
    }.
    Next: you will hear which outlet published it and the points; send /my to follow your items.
notice-submission_not_adopted = [Review result] Your item "{ $title }" was not adopted this time{ $reason ->
        [none] {""}
       *[other] {""}; comment: { $reason }
    }.
    Next: use the comment for your next items, report featured activities and good practice; send /my to see all your items.
notice-adoption_credited = [Adopted] Your item "{ $title }" was published by { $outlet } ({ $level }) and earned { $points } points{ $share ->
        [none] {""}
       *[other] {""}, { $share } of them yours
    }.
    Next: send /rank to see your unit's rank this period, and keep reporting good items.
notice-unit_adoption = [Adopted] Your unit's item "{ $title }" was published by { $outlet } ({ $level }) and earned { $points } points.
    Send /rank to see the unit's rank and quota progress, and keep your team reporting good items.
notice-draft_idle = [Draft reminder] Your draft "{ $title }" has not been submitted since { $since }.
    If it is ready, tap "Submit"; tap "Edit" to change it, or "Withdraw" if it is no longer needed.
notice-review_pending = [Review reminder] "{ $title }" from { $unit } has waited for review since { $since }, more than { $hours } hours.
    Please review it soon: approve and forward it, or return it with a reason; the console's Submissions page works too.
notice-review-buttons = Press "Read in full" below and approve once you have read it, or press "Return" and give a reason.
notice-review_escalated = [Review overdue] "{ $title }" from { $unit } has waited for review since { $since }, more than { $hours } hours, and is still untouched.
    Please have your deputy review it today, or review it yourself: approve and forward it, or return it with a reason.
notice-quota-line = · { $name }: { $submitted }/{ $quota } items
notice-quota_digest = [Reporting progress] { $period } { $checkpoint ->
        [quota-30d] has less than 30 days left
       *[other] is half over
    }; these units have reported less than half their quota:
    { $lines }
    Please report soon: send /kb with text and photos in this group for a quick report.
notice-quota_behind = [Reporting reminder] { $name } has reported { $submitted } items in { $period } against a quota of { $quota }, and the period { $checkpoint ->
        [quota-30d] has less than 30 days left
       *[other] is half over
    }.
    Please report soon: send /kb with text and photos in your work group, and /rank to see progress.
notice-incident_deadline_soon = [Incident warning] The "{ $stepName }" deadline of the { $severity } incident "{ $title }" ({ $unit }) runs out at { $dueAt }.
    { $role ->
        [escalation] Please make the person responsible
       *[other] Please
    } { $step ->
        [report] report the incident to the county bureau
        [respond] give a first response
       *[other] finish handling it and file the result
    } now, and record it in the console under Incidents.
notice-incident_deadline_missed = [Incident overdue] The "{ $stepName }" deadline of the { $severity } incident "{ $title }" ({ $unit }) passed at { $dueAt }.
    { $role ->
        [escalation] It has been escalated to you: please make the person responsible
       *[other] Please
    } { $step ->
        [report] report the incident to the county bureau
        [respond] give a first response
       *[other] finish handling it and file the result
    } now, and record it in the console under Incidents.
notice-incident_opened = [Major incident] { $unit } has just registered the { $severity } incident "{ $title }".
    It must be reported to the county bureau within 30 minutes: please see that it is handled now, and follow it up under "Incidents" in the console.
notice-incident_reported = [Incident reported] { $unit } reported the { $severity } incident "{ $title }".
    Please review and follow it up in the console under Incidents.
notice-incident_closed = [Incident closed] The bureau closed the { $severity } incident "{ $title }" ({ $unit }).
    Thank you; the record is in the console under Incidents.
notice-bulletin_appeal_open = [Bulletin open for appeal] The draft evaluation bulletin for { $period } is out and covers { $unit }.
    If you disagree with your unit's result, appeal in the console under Evaluation → Bulletins before { $deadline }; after that it is published.
