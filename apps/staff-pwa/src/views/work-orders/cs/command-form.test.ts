import { describe, expect, it } from 'vitest';
import { buildInput, canFill, draftFor, fieldsShown } from './command-form';
import { FORMS, makeDetail, TECH_A } from './test-data';

describe('command forms', () => {
  const order = makeDetail();

  it('shows the fields the server names, in a fixed order, leaving out the handler of an acknowledgement', () => {
    expect(fieldsShown(FORMS.answer_survey, 'answer_survey')).toEqual(['satisfaction', 'fixed', 'comment']);
    expect(fieldsShown(FORMS.reassign, 'reassign')).toEqual(['assigneeId', 'reason']);
    expect(fieldsShown(FORMS.acknowledge, 'acknowledge')).toEqual([]);
    expect(fieldsShown(FORMS.start_handling, 'start_handling')).toEqual([]);
  });

  it('does not offer a command needing what this screen cannot fill (a technician’s completion photos)', () => {
    expect(canFill({ requires: ['completionNotes', 'completionPhotos'], requiresAnyOf: [], accepts: ['completionNotes'] })).toBe(false);
    expect(canFill(FORMS.cancel)).toBe(true);
  });

  it('asks for what a command requires and sends it trimmed', () => {
    const draft = draftFor(order, 'dispatch');
    expect(buildInput(order, 'dispatch', FORMS.dispatch, draft).problems).toEqual({ assigneeId: 'required' });
    draft.assigneeId = TECH_A.id;
    expect(buildInput(order, 'dispatch', FORMS.dispatch, draft)).toEqual({ input: { assigneeId: TECH_A.id }, problems: {} });

    const cancel = draftFor(order, 'cancel');
    cancel.reason = '   ';
    expect(buildInput(order, 'cancel', FORMS.cancel, cancel).problems).toEqual({ reason: 'required' });
    cancel.reason = '  住户电话取消  ';
    expect(buildInput(order, 'cancel', FORMS.cancel, cancel).input).toEqual({ reason: '住户电话取消' });
  });

  it('records a phone survey: stars and fixed are required, the comment is optional', () => {
    const draft = draftFor(order, 'answer_survey');
    expect(buildInput(order, 'answer_survey', FORMS.answer_survey, draft).problems).toEqual({ satisfaction: 'required', fixed: 'required' });
    draft.satisfaction = 2;
    draft.fixed = false;
    expect(buildInput(order, 'answer_survey', FORMS.answer_survey, draft)).toEqual({ input: { satisfaction: 2, fixed: false }, problems: {} });
    draft.comment = '还是漏';
    expect(buildInput(order, 'answer_survey', FORMS.answer_survey, draft).input).toEqual({ satisfaction: 2, fixed: false, comment: '还是漏' });
  });

  it('edit sends only what changed, and an emptied contact as null (clearing it)', () => {
    const draft = draftFor(order, 'edit');
    expect(draft.description).toBe('厨房水龙头漏水');
    expect(buildInput(order, 'edit', FORMS.edit, draft).problems).toEqual({ _anyOf: 'nothing_changed' });

    draft.description = '厨房水龙头漏水，地面已积水';
    draft.contactName = '';
    const built = buildInput(order, 'edit', FORMS.edit, draft);
    expect(built.problems).toEqual({});
    expect(built.input).toEqual({ description: '厨房水龙头漏水，地面已积水', contactName: null });
  });

  it('edit checks the phone and that a unit repair keeps a unit', () => {
    const draft = draftFor(order, 'edit');
    draft.contactPhone = 'abc';
    expect(buildInput(order, 'edit', FORMS.edit, draft).problems.contactPhone).toBe('bad_phone');
    const moved = draftFor(makeDetail({ location: 'common_area', unitId: null, unitLabel: null }), 'edit');
    moved.location = 'unit';
    expect(buildInput(makeDetail({ location: 'common_area', unitId: null, unitLabel: null }), 'edit', FORMS.edit, moved).problems.unitId).toBe('unit_required');
  });

  it('reclassify needs a change of category or priority', () => {
    const draft = draftFor(order, 'reclassify');
    expect(buildInput(order, 'reclassify', FORMS.reclassify, draft).problems).toEqual({ _anyOf: 'nothing_changed' });
    draft.priority = 'urgent';
    expect(buildInput(order, 'reclassify', FORMS.reclassify, draft)).toEqual({ input: { priority: 'urgent' }, problems: {} });
  });
});
