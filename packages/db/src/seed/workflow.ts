/**
 * A demo item taken through the domain's workflow (DESIGN §3.2) one command at a time, the way
 * the API takes a real one: every step is the domain's `transition()`, and every step writes
 * the rows the API writes for it (new revisions, sign-offs, the sign-off a change voids, the
 * timeline events). A command the domain refuses is a bug in the demo county, not data.
 */
import { transition, type Person, type Submission, type SubmissionCommand } from '@jyxc/domain';

import type { Prisma } from '../generated/sqlite/client.js';
import type { ActorKind } from '../generated/sqlite/enums.js';
import { revisionRow, signOffRow, submissionEventRow } from '../rows.js';

export class DemoItem {
  readonly revisions: Prisma.RevisionCreateManyInput[] = [];
  readonly signOffs: Prisma.SignOffCreateManyInput[] = [];
  readonly events: Prisma.SubmissionEventCreateManyInput[] = [];
  #submission: Submission | null = null;
  readonly #id: () => string;
  readonly #actorKind: (actorId: string) => ActorKind;

  /**
   * @param id makes the id of each row, so that the county is the same on every run.
   * @param actorKind tells a step done through the bot from one done in the console.
   */
  constructor(id: () => string, actorKind: (actorId: string) => ActorKind) {
    this.#id = id;
    this.#actorKind = actorKind;
  }

  /** The item as it stands after the last step. */
  get current(): Submission {
    if (this.#submission === null) throw new Error('the demo item has not been created yet');
    return this.#submission;
  }

  /** Applies one command as `actor` at `at`, records the rows it writes, returns the item. */
  apply(command: SubmissionCommand, actor: Person, at: number): Submission {
    const before = this.#submission;
    const result = transition(before, command, actor, at);
    if (!result.ok) {
      throw new Error(
        `demo county: ${command.type} by ${actor.id} refused: ${result.error.code} ${result.error.message}`,
      );
    }
    const after = result.value.submission;
    for (const r of after.revisions.slice(before?.revisions.length ?? 0))
      this.revisions.push({ id: this.#id(), ...revisionRow(after.id, r) });
    // DESIGN §3.2: a sign-off binds one revision; an edit, a return or a resubmission cancels it.
    if (before?.signOff != null && after.signOff !== before.signOff) {
      for (const row of this.signOffs) row.voidedAt ??= new Date(at);
    }
    for (const a of after.approvals.slice(before?.approvals.length ?? 0))
      this.signOffs.push({ id: this.#id(), ...signOffRow(after.id, a), voidedAt: null });
    for (const e of result.value.events)
      this.events.push({ id: this.#id(), ...submissionEventRow(e, this.#actorKind(e.actorId)) });
    this.#submission = after;
    return after;
  }
}
