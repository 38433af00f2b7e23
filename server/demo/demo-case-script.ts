import type { Actor } from "../../domain/auth/actor";
import { applyTransition, transition } from "../../domain/case/case-machine";
import type { CaseActionRawInput } from "../../domain/case/case-schemas";
import { type Case, type CaseAction, caseEventVerb } from "../../domain/case/case-types";
import { levelAbove } from "../commands/cases/act-on-case";

/**
 * One demo case lived through the pure machine with a simulated clock: each step happens a little after
 * the previous one, and whenever a step would come after the stage deadline the deadline job's escalation
 * (督办, by the system) is recorded first, as it would have happened. Nothing is written here.
 */
export type Who = Pick<Actor, "id" | "role">;
export interface SimEvent {
  at: Date;
  actor: Who | null;
  action: string;
  kase: Case;
  data: Record<string, unknown>;
}

let seed = 20261129;
/** Deterministic pseudo-random numbers, so the demo county looks the same on every installation. */
export const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
export const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];

const overdueReason = "超过办理期限未办结，系统自动督办";
type DeadlineOf = (k: Case, stage: Case["stage"], from: Date) => Date | null;

export class CaseScript {
  level: number | null;
  state = "on_time";
  last = "case.reported";
  private readonly span: number;

  constructor(
    public kase: Case,
    public at: Date,
    private readonly now: Date,
    private readonly deadlineOf: DeadlineOf,
    public readonly events: SimEvent[],
    reporter: Who,
    reportData: Record<string, unknown>,
  ) {
    this.level = kase.escalated ? 6 : null;
    this.span = Math.max(1, now.getTime() - at.getTime());
    events.push({
      at,
      actor: reporter,
      action: "case.reported",
      kase,
      data: { ...reportData, from: null, to: "reported", number: kase.number },
    });
  }

  private escalate(t: Date) {
    const r = transition(this.kase, "escalate", {
      actor: { id: "system" },
      now: t,
      input: { reason: overdueReason },
    });
    this.kase = applyTransition(this.kase, r);
    this.level = levelAbove(this.level);
    this.state = "overdue";
    this.last = "case.escalated";
    const k = this.kase;
    this.events.push({
      at: t,
      actor: null,
      action: "case.escalated",
      kase: k,
      data: { from: k.stage, to: k.stage, comment: overdueReason, automatic: true, level: this.level },
    });
  }

  /** The time of the next step: a share of the case's life later, never after now. */
  advance(): Date {
    return new Date(
      Math.min(this.now.getTime() - 60_000, this.at.getTime() + this.span * (0.05 + rnd() * 0.12)),
    );
  }

  step(action: CaseAction, actor: Who, input: Record<string, unknown>) {
    const next = this.advance();
    if (this.kase.deadline && next.getTime() > Date.parse(this.kase.deadline) && this.state !== "overdue")
      this.escalate(new Date(Date.parse(this.kase.deadline) + 60_000));
    this.at = next;
    const r = transition(this.kase, action, {
      actor,
      now: next,
      input: input as CaseActionRawInput<CaseAction>,
      deadlineOf: this.deadlineOf,
    });
    if (r.next.deadline !== undefined) this.state = "on_time";
    this.kase = applyTransition(this.kase, r);
    this.last = `case.${caseEventVerb[action]}`;
    this.events.push({
      at: next,
      actor,
      action: this.last,
      kase: this.kase,
      data: {
        ...r.event.data,
        from: r.event.from,
        to: r.event.to,
        comment: input.reason ?? input.note ?? null,
      },
    });
  }

  /** Where the case stands now: escalated if its deadline passed, due soon within four hours. */
  finish() {
    const due = this.kase.deadline ? Date.parse(this.kase.deadline) : null;
    if (due !== null && due < this.now.getTime() && this.state !== "overdue")
      this.escalate(new Date(Math.min(this.now.getTime(), due + 60_000)));
    else if (due !== null && due - this.now.getTime() < 4 * 3_600_000) this.state = "due_soon";
  }
}
