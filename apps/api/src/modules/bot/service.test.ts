import { describe, expect, it } from 'vitest';
import { eventTimeFromText, splitQuickReport } from '@jyxc/domain';

// Monday 2026-05-11 09:30 in Shanghai.
const sent = Date.parse('2026-05-11T01:30:00Z');
const at = (iso: string) => Date.parse(iso);

describe('a quick report’s text', () => {
  it('takes the first line as the title and the rest as the body, without the command', () => {
    expect(splitQuickReport('/kb@jyxc_bot 标题一行\n正文第一段\n\n正文第二段')).toEqual({
      title: '标题一行',
      body: '正文第一段\n\n正文第二段',
    });
    expect(splitQuickReport('#快报 只有标题')).toEqual({ title: '只有标题', body: '' });
  });

  it('makes the first sentence the title of one long paragraph and keeps all of it as the body', () => {
    const paragraph = `城关镇中心校举行春季运动会。${'全镇师生积极参与，'.repeat(10)}`;
    const { title, body } = splitQuickReport(paragraph);
    expect(title).toBe('城关镇中心校举行春季运动会');
    expect(body).toBe(paragraph);
  });
});

describe('the event time a text states', () => {
  it('reads a date with a time of day', () => {
    expect(eventTimeFromText('5月9日下午3点，召开会议', sent)).toBe(at('2026-05-09T07:00:00Z'));
    expect(eventTimeFromText('2026年5月10日 15:30 举行', sent)).toBe(at('2026-05-10T07:30:00Z'));
  });

  it('reads a date alone as its noon, never after the message', () => {
    expect(eventTimeFromText('5月10日，全镇开展活动', sent)).toBe(at('2026-05-10T04:00:00Z'));
    expect(eventTimeFromText('今天上午，全镇开展活动', sent)).toBe(sent);
  });

  it('reads yesterday and the day before', () => {
    expect(eventTimeFromText('昨天上午9点', sent)).toBe(at('2026-05-10T01:00:00Z'));
    expect(eventTimeFromText('前天', sent)).toBe(at('2026-05-09T04:00:00Z'));
  });

  it('places a date after today in the past year, and ignores dates too old, in the future or impossible', () => {
    const newYear = Date.parse('2026-01-02T02:00:00Z');
    expect(eventTimeFromText('12月30日举行', newYear)).toBe(at('2025-12-30T04:00:00Z'));
    expect(eventTimeFromText('1月5日举行', sent)).toBeNull();
    expect(eventTimeFromText('2026年6月1日将举行', sent)).toBeNull();
    expect(eventTimeFromText('2月30日', sent)).toBeNull();
    expect(eventTimeFromText('全镇开展活动', sent)).toBeNull();
  });
});
