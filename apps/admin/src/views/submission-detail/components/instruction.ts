import type { InstructionForm } from './InstructionFields.vue';

/**
 * The API body of a leader instruction chosen by day. The day's start stands for "that day",
 * but an instruction given on the day of publication cannot precede the publication, so it is
 * dated at the publication then (DESIGN §3.4: the date decides the period it scores in).
 */
export function instructionJson(form: InstructionForm, publishedAt: string | null) {
  const day = new Date(form.at);
  day.setHours(0, 0, 0, 0);
  const published = publishedAt === null ? -Infinity : Date.parse(publishedAt);
  const at = new Date(Math.max(day.getTime(), published));
  return {
    level: form.level,
    at: at.toISOString(),
    ...(form.leader.trim() ? { leader: form.leader.trim() } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
}
