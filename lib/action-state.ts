import type { SettingsEffect } from "./settings-effect";

// The one shape every server action answers with, and what forms read to show the answer. Pure: safe
// on both sides. Messages and field errors are message keys, translated where they are shown.

export type ActionStatus = "idle" | "saved" | "deleted" | "error";

export interface ActionState {
  status: ActionStatus;
  /** A message key (under "validation" unless the form says otherwise). */
  message?: string;
  /** Values for the message's placeholders (e.g. seconds to wait). */
  messageValues?: Record<string, string | number>;
  /** A message key per field; "_form" for the form as a whole. */
  fieldErrors?: Record<string, string>;
  /** What the user typed (after a refusal), or the record's current values (after a save). */
  values?: Record<string, string>;
  /** On a conflict: the record as it is now, as form values (with its current version). */
  current?: Record<string, string>;
  /** A new account: its temporary password is shown once, here, and never stored in clear. */
  created?: { partnerId: number; email: string; temporaryPassword: string };
  /** Recovery codes after enrolling a second factor, shown once. */
  codes?: string[];
  /**
   * A refusal the user may override (e.g. a probable duplicate): sending the form again with this field
   * set to "1" saves anyway.
   */
  confirmField?: string;
  /** A partner's market or rule-set change as previewed before it is confirmed (nothing is saved yet). */
  settingsEffect?: SettingsEffect;
  /** Changes on every answer, so a form can remount with fresh defaults. */
  nonce: number;
}

export const IDLE_STATE: ActionState = { status: "idle", nonce: 0 };

/** Whether a state is a success (a form then clears, a list refreshes). */
export const succeeded = (s: ActionState) => s.status === "saved" || s.status === "deleted";
