"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { idleState, type ActionState } from "@/lib/action-state";

type ServerAction<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export interface ActionFormOptions {
  /**
   * A form that creates a record: after the server's "ok" its fields go back to their defaults, so
   * that it does not invite the same record twice (the success message and any link stay).
   * Without JavaScript the page the server renders after the post already has them empty.
   */
  resetOnSuccess?: boolean;
  /**
   * A form that may be recorded offline: without a connection, its validated fields go to the
   * outbox (lib/offline/outbox.ts) instead of the server, and the form is cleared. So they do when
   * the connection is there but the send fails (no answer, a server error): the outbox sends them
   * again later under the same idempotency key, so a record the server did make is not made twice.
   */
  offline?: (data: FormData) => Promise<void>;
}

/**
 * A react-hook-form form bound to the zod schema its server action uses. With JavaScript the
 * schema checks on the client first; without it the form posts to the action as plain HTML.
 *
 * The server action itself goes to `useActionState`, and its `formAction` to `<form action>`: that
 * is what keeps the form working without JavaScript (React renders a server action's reference
 * into the HTML form; a client function would leave a form that posts nowhere). The offline
 * fallback lives only in the JavaScript submit path: a second `useActionState` whose action calls
 * the same server action and, when the send fails, queues the fields instead. It is never given to
 * the `<form>`.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T = unknown>(
  schema: S,
  action: ServerAction<T>,
  defaultValues?: DefaultValues<z.input<S>>,
  options: ActionFormOptions = {},
) {
  // The form's own action: the server action, as the server rendered it (progressive enhancement).
  const [serverState, formAction, serverPending] = useActionState(action, idleState as ActionState<T>);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<z.input<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>>,
    defaultValues,
    mode: "onSubmit",
  });
  const offline = useRef(options.offline);
  useEffect(() => {
    offline.current = options.offline;
  }, [options.offline]);
  // The JavaScript path of an offline-capable form: the same server action, or the outbox when the
  // send fails. The server's answer is the same state as the form's own action would have given.
  const [jsState, sendOrQueue, jsPending] = useActionState(async (prev: ActionState<T>, data: FormData): Promise<ActionState<T>> => {
    try {
      return await action(prev, data);
    } catch (error) {
      if (!offline.current) throw error;
      await offline.current(data);
      formRef.current?.reset();
      form.reset();
      return idleState as ActionState<T>;
    }
  }, idleState as ActionState<T>);
  // Whichever path answered last (a form uses one of them: the JavaScript one once it runs).
  const state = jsState === idleState ? serverState : jsState;
  const pending = serverPending || jsPending;

  // Each answer of the server once: a success banner shown again (after a refused new attempt is
  // corrected) must not clear what was typed since.
  const handled = useRef(state);
  const { resetOnSuccess } = options;
  useEffect(() => {
    if (handled.current === state) return;
    handled.current = state;
    if (!resetOnSuccess || state.status !== "ok") return;
    formRef.current?.reset(); // the DOM (checkbox lists outside react-hook-form included)
    form.reset(); // and react-hook-form's values, to the same defaults
  }, [state, resetOnSuccess, form]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void form.handleSubmit(async () => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      if (options.offline && !navigator.onLine) {
        await options.offline(data);
        formRef.current?.reset();
        form.reset();
        return;
      }
      startTransition(() => (options.offline ? sendOrQueue(data) : formAction(data)));
    })(event);
  };

  /** The message key for a field: the client's check first, then the server's. */
  const errorKey = (name: string): string | undefined => {
    const client = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    if (client) return client;
    return state.status === "error" && !pending ? state.fieldErrors?.[name] : undefined;
  };

  // What the form shows: nothing of the last answer while the next one is on its way, and no
  // success banner beside the errors of a new attempt that the browser already refused.
  const hasClientErrors = Object.keys(form.formState.errors).length > 0;
  const shown = pending || (hasClientErrors && state.status === "ok") ? (idleState as ActionState<T>) : state;

  return { form, state: shown, formAction, pending, formRef, onSubmit, errorKey };
}
