import { describe, expect, it } from 'vitest';
import { COMMAND_INPUT_FIELDS, WORK_ORDER_COMMANDS } from './commands';
import { FROZEN_FIELDS_AFTER } from './frozenFields';
import { WORK_ORDER_KINDS, type WorkOrderKind } from './kinds';
import { STATES_BY_KIND } from './states';
import { reachable } from './test-helpers';
import { TRANSITIONS, type TransitionRule } from './transitions';

const overlap = (a: TransitionRule, b: TransitionRule) => a.actors.some((x) => b.actors.some((y) => x.kind === y.kind && x.must === y.must));

describe('TRANSITIONS table', () => {
  it('only names states of the row’s kind', () => {
    for (const r of TRANSITIONS) {
      expect(STATES_BY_KIND[r.kind], `${r.command} ${r.kind}`).toContain(r.from);
      expect(STATES_BY_KIND[r.kind], `${r.command} ${r.kind}`).toContain(r.to);
    }
  });

  it('reaches every state of every kind from submitted', () => {
    for (const kind of WORK_ORDER_KINDS) expect([...reachable(kind)].sort()).toEqual([...STATES_BY_KIND[kind]].sort());
  });

  it('uses every command, and every actor rule names who', () => {
    for (const c of WORK_ORDER_COMMANDS) expect(TRANSITIONS.some((r) => r.command === c), c).toBe(true);
    for (const r of TRANSITIONS) expect(r.actors.length).toBeGreaterThan(0);
  });

  it('never leaves cancelled, and leaves closed only by reopen', () => {
    expect(TRANSITIONS.filter((r) => r.from === 'cancelled')).toEqual([]);
    expect(new Set(TRANSITIONS.filter((r) => r.from === 'closed').map((r) => r.command))).toEqual(new Set(['reopen']));
  });

  it('lets the system do only its timers', () => {
    const system = new Set(TRANSITIONS.filter((r) => r.actors.some((a) => a.kind === 'system')).map((r) => r.command));
    expect(system).toEqual(new Set(['close_no_response', 'escalate']));
  });

  it('freezes what FROZEN_FIELDS_AFTER says for the target state', () => {
    for (const r of TRANSITIONS) expect(r.freezes).toEqual(FROZEN_FIELDS_AFTER[r.to]);
  });

  it('requires only fields the command takes, none of them frozen where the row starts', () => {
    for (const r of TRANSITIONS) {
      for (const f of [...r.requires, ...r.requiresAnyOf]) expect(COMMAND_INPUT_FIELDS[r.command], `${r.command}.${f}`).toContain(f);
      expect(r.requires.filter((f) => (FROZEN_FIELDS_AFTER[r.from] as readonly string[]).includes(f)), `${r.command} from ${r.from}`).toEqual([]);
    }
  });

  it('lets only edit-type commands meet a frozen field (the others write what is open where they start)', () => {
    for (const r of TRANSITIONS) {
      if (r.command === 'edit' || r.command === 'reclassify') continue;
      const frozen = COMMAND_INPUT_FIELDS[r.command].filter((f) => (FROZEN_FIELDS_AFTER[r.from] as readonly string[]).includes(f));
      expect(frozen, `${r.command} ${r.kind} from ${r.from}`).toEqual([]);
    }
  });

  it('gives rows an actor can choose between the same requirements, and tells them apart by the input', () => {
    for (const a of TRANSITIONS) {
      const twins = TRANSITIONS.filter((b) => b !== a && b.command === a.command && b.kind === a.kind && b.from === a.from && overlap(a, b));
      for (const b of twins) {
        expect(b.requires, `${a.command} ${a.kind} ${a.from}`).toEqual(a.requires);
        expect(b.requiresAnyOf).toEqual(a.requiresAnyOf);
        expect(a.when).not.toBeNull();
        expect(b.when).not.toBe(a.when);
      }
    }
  });

  it('draws the repair workflow as specified', () => {
    const edges = (kind: WorkOrderKind) =>
      new Set(TRANSITIONS.filter((r) => r.kind === kind && r.from !== r.to).map((r) => `${r.from} -${r.command}-> ${r.to}`));
    const repair = edges('repair');
    for (const e of [
      'submitted -dispatch-> assigned',
      'submitted -grab-> assigned',
      'assigned -accept-> accepted',
      'accepted -start-> in_progress',
      'in_progress -hold-> on_hold',
      'on_hold -resume-> in_progress',
      'in_progress -complete-> completed',
      'completed -answer_survey-> closed',
      'completed -answer_survey-> submitted',
      'completed -close_no_response-> closed',
      'completed -reopen-> submitted',
      'closed -reopen-> submitted',
      'assigned -decline-> submitted',
      'accepted -decline-> submitted',
      'in_progress -reassign-> assigned',
      'submitted -cancel-> cancelled',
      'on_hold -cancel-> cancelled',
    ]) {
      expect(repair.has(e), e).toBe(true);
    }
    expect(repair.has('completed -cancel-> cancelled')).toBe(false);
    const complaint = edges('complaint');
    for (const e of [
      'submitted -acknowledge-> acknowledged',
      'acknowledged -start_handling-> handling',
      'handling -reply-> responded',
      'responded -answer_survey-> closed',
      'responded -answer_survey-> handling',
      'responded -close_no_response-> closed',
      'closed -reopen-> handling',
    ]) {
      expect(complaint.has(e), e).toBe(true);
    }
  });
});
