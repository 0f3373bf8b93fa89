/**
 * The send-and-answer part of a form whose request carries a client-made idempotency id (a payment at the
 * counter, an online refund, a ledger correction). One place for the rule they share: the id is kept until
 * the server has answered for sure, so a retry after no answer (network, 5xx) sends the same id and the
 * server writes the thing once; the form is then locked (`outcomeUnknown`) so the retry is the same request.
 * What each screen does with a result or a refusal (4xx) stays with the screen.
 */
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';
import type { IdempotencyConflictDetails } from '../api/ledger';
import { newIdempotencyKey } from '../views/cashier/pay';
import { useErrorText } from './useErrorText';

/** A box above the form's button: why the last attempt did not go through. */
export interface FormNoticeData {
  tone: 'warning' | 'danger';
  title: string;
  text: string;
}

/** No answer from the server (offline, 5xx): the request may or may not have been carried out. */
export function isNoAnswer(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.isNetwork || e.status >= 500);
}

/** 409 `conflict` because the id already stands for another request (other figures under the same id). */
export function isIdempotencyConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.code === 'conflict' && (e.details as Partial<IdempotencyConflictDetails> | undefined)?.code === 'idempotency_conflict';
}

export interface IdempotentSubmitOptions<T> {
  /** The i18n prefix holding `unknownTitle` / `unknownText`, said after no answer. */
  texts: string;
  /** Sends the request under `id`. */
  send: (id: string) => Promise<T>;
  /** After the server's result (awaited while the form still shows it is sending). */
  done: (result: T) => unknown;
  /** After a definite refusal (nothing was written): the notice to show. */
  refused: (e: unknown) => FormNoticeData | Promise<FormNoticeData>;
  /**
   * Whether a definite answer (a result or a refusal) makes a new id for the next submission. A correction
   * keeps it: its sheet shows the result, and after a refusal the same correction may be sent again once fixed.
   */
  newIdAfterAnswer: boolean;
}

export function useIdempotentSubmit<T>(options: IdempotentSubmitOptions<T>) {
  const { t } = useI18n();
  const errorText = useErrorText();
  /** The id of the submission being made (see above). */
  let id = newIdempotencyKey();
  const submitting = ref(false);
  /** The last attempt got no answer: the form is locked, the button retries the same request. */
  const outcomeUnknown = ref(false);
  const notice = ref<FormNoticeData | null>(null);
  /** A submit was tried: a form's "required" errors show from then on. */
  const tried = ref(false);

  /** A new submission from now on (the form was opened afresh, or the id is known to be used). */
  function renewId() {
    id = newIdempotencyKey();
  }

  /** Sends once: a double tap while sending does nothing. */
  async function run() {
    if (submitting.value) return;
    submitting.value = true;
    try {
      const result = await options.send(id);
      if (options.newIdAfterAnswer) renewId();
      outcomeUnknown.value = false;
      await options.done(result);
    } catch (e) {
      if (isNoAnswer(e)) {
        // It may have gone through: the retry sends the same id, and the server carries it out once.
        outcomeUnknown.value = true;
        notice.value = { tone: 'danger', title: t(`${options.texts}.unknownTitle`), text: `${errorText(e)}${t(`${options.texts}.unknownText`)}` };
        return;
      }
      if (options.newIdAfterAnswer) renewId();
      outcomeUnknown.value = false;
      notice.value = await options.refused(e);
    } finally {
      submitting.value = false;
    }
  }

  /**
   * A form's submit button: checks the form first (an invalid one sends nothing, its errors now all show),
   * and a new attempt clears what was said about the last one.
   */
  async function submitForm(valid: () => boolean) {
    if (submitting.value) return; // a double tap sends once
    tried.value = true;
    if (!valid()) return;
    notice.value = null;
    await run();
  }

  return { submitting, outcomeUnknown, notice, tried, run, submitForm, renewId };
}
