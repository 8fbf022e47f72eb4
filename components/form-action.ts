/**
 * A server action as a form with `useActionState` calls it. Components take actions as props of this
 * type (the page passes them in), so components never import from app/.
 */
export type FormAction<State> = (previous: State, form: FormData) => Promise<State>;
