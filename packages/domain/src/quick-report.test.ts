import { describe, expect, it } from 'vitest';
import {
  eventTimeFromText,
  hasReportWords,
  isQuickReportText,
  parseQuickReport,
  quickReportContent,
  splitQuickReport,
} from './quick-report.js';

// Monday 2026-05-11 09:30 in Shanghai.
const sent = Date.parse('2026-05-11T01:30:00Z');
const at = (iso: string) => Date.parse(iso);

describe('a chat message asking for a quick report', () => {
  it('starts with /kb (with or without the bot’s name) or carries #快报 anywhere', () => {
    expect(isQuickReportText('/kb 标题')).toBe(true);
    expect(isQuickReportText('  /KB@jyxc_bot\n标题')).toBe(true);
    expect(isQuickReportText('/kb')).toBe(true);
    expect(isQuickReportText('今天的活动 #快报')).toBe(true);
    expect(isQuickReportText('今天的活动 ＃快报')).toBe(true);
    expect(isQuickReportText('＃快报 标题')).toBe(true);
    expect(isQuickReportText('/kbd 标题')).toBe(false);
    expect(isQuickReportText('请看 /kb 的说明')).toBe(false);
  });

  it('keeps only the report’s own words', () => {
    expect(quickReportContent('/kb@jyxc_bot  标题\n正文')).toBe('标题\n正文');
    expect(quickReportContent('城关镇举行运动会 #快报')).toBe('城关镇举行运动会');
    expect(quickReportContent('/kb')).toBe('');
    expect(quickReportContent('＃快报 标题\n正文')).toBe('标题\n正文');
    expect(quickReportContent('城关镇举行运动会 ＃快报')).toBe('城关镇举行运动会');
  });

  it('says whether the words are more than emoji and punctuation', () => {
    expect(hasReportWords('河西一小举行运动会🎉')).toBe(true);
    expect(hasReportWords('2026')).toBe(true);
    expect(hasReportWords('Sports day')).toBe(true);
    expect(hasReportWords('👍')).toBe(false);
    expect(hasReportWords('🎉🎉 👏🏻❤️')).toBe(false);
    expect(hasReportWords('。。。！')).toBe(false);
    expect(hasReportWords('')).toBe(false);
  });
});

describe('a quick report’s text', () => {
  it('takes the first line as the title and the rest as the body, without the command', () => {
    expect(splitQuickReport('/kb@jyxc_bot 标题一行\n正文第一段\n\n正文第二段')).toEqual({
      title: '标题一行',
      body: '正文第一段\n\n正文第二段',
    });
    expect(splitQuickReport('#快报 只有标题')).toEqual({ title: '只有标题', body: '' });
    expect(splitQuickReport('＃快报 只有标题')).toEqual({ title: '只有标题', body: '' });
    expect(splitQuickReport('标题\r\n正文')).toEqual({ title: '标题', body: '正文' });
  });

  it('makes the first sentence the title of one long paragraph and keeps all of it as the body', () => {
    const paragraph = `城关镇中心校举行春季运动会。${'全镇师生积极参与，'.repeat(10)}`;
    expect(splitQuickReport(paragraph)).toEqual({
      title: '城关镇中心校举行春季运动会',
      body: paragraph,
    });
  });

  it('cuts a long paragraph without a sentence end after 59 characters, never inside an emoji', () => {
    const paragraph = `${'运'.repeat(58)}🏃${'动'.repeat(20)}`;
    const { title, body } = splitQuickReport(paragraph);
    expect(title).toBe(`${'运'.repeat(58)}…`);
    expect(body).toBe(paragraph);
  });

  it('has an empty title when there is nothing to report', () => {
    expect(splitQuickReport('/kb   ').title).toBe('');
  });
});

describe('the event time a text states', () => {
  it('reads a date with a time of day', () => {
    expect(eventTimeFromText('5月9日下午3点，召开会议', sent)).toBe(at('2026-05-09T07:00:00Z'));
    expect(eventTimeFromText('2026年5月10日 15:30 举行', sent)).toBe(at('2026-05-10T07:30:00Z'));
    expect(eventTimeFromText('5月10号晚上8时', sent)).toBe(at('2026-05-10T12:00:00Z'));
  });

  it('reads a date alone as its noon, never after the message', () => {
    expect(eventTimeFromText('5月10日，全镇开展活动', sent)).toBe(at('2026-05-10T04:00:00Z'));
    expect(eventTimeFromText('今天上午，全镇开展活动', sent)).toBe(sent);
  });

  it('reads yesterday and the day before', () => {
    expect(eventTimeFromText('昨天上午9点', sent)).toBe(at('2026-05-10T01:00:00Z'));
    expect(eventTimeFromText('昨日', sent)).toBe(at('2026-05-10T04:00:00Z'));
    expect(eventTimeFromText('前天', sent)).toBe(at('2026-05-09T04:00:00Z'));
  });

  it('takes the date written first', () => {
    expect(eventTimeFromText('昨天召开会议，部署5月9日的活动', sent)).toBe(
      at('2026-05-10T04:00:00Z'),
    );
    expect(eventTimeFromText('5月9日活动的总结会昨天召开', sent)).toBe(at('2026-05-09T04:00:00Z'));
  });

  it('places a date after today in the past year, and ignores dates too old, in the future or impossible', () => {
    const newYear = Date.parse('2026-01-02T02:00:00Z');
    expect(eventTimeFromText('12月30日举行', newYear)).toBe(at('2025-12-30T04:00:00Z'));
    expect(eventTimeFromText('1月5日举行', sent)).toBeNull();
    expect(eventTimeFromText('2026年6月1日将举行', sent)).toBeNull();
    expect(eventTimeFromText('2月30日', sent)).toBeNull();
    expect(eventTimeFromText('13月1日', sent)).toBeNull();
    expect(eventTimeFromText('5月10日25点', sent)).toBe(at('2026-05-10T04:00:00Z'));
    expect(eventTimeFromText('全镇开展活动', sent)).toBeNull();
  });
});

describe('a quick report read from its message', () => {
  it('has the title, the body and the event time the text states', () => {
    expect(
      parseQuickReport('/kb 全镇开展防溺水教育\n昨天下午3点，全镇各校同时开展。', sent),
    ).toEqual({
      title: '全镇开展防溺水教育',
      body: '昨天下午3点，全镇各校同时开展。',
      eventAt: at('2026-05-10T07:00:00Z'),
      eventAtFromText: true,
    });
  });

  it('happened when the message was sent unless the text says otherwise', () => {
    expect(parseQuickReport('城关镇举行运动会 #快报', sent)).toEqual({
      title: '城关镇举行运动会',
      body: '',
      eventAt: sent,
      eventAtFromText: false,
    });
  });
});
