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
  /**
   * Nothing was saved because a value is possible but unusual (a date in the future, a very large
   * amount, a name already in use): the warnings are in `fieldErrors`, and the form offers to save
   * anyway (a submit button named CONFIRM_FIELD).
   */
  needsConfirmation?: boolean;
  /** Recovery codes after enrolling a second factor, shown once. */
  codes?: string[];
  /**
   * The name of the "save anyway" button when it is not CONFIRM_FIELD (e.g. a probable duplicate):
   * sending the form again with this field set to "1" saves anyway.
   */
  confirmField?: string;
  /** Confirmations the user already gave for this submission: sent again with the next "save anyway". */
  confirmed?: string[];
  /** A partner's market or rule-set change as previewed before it is confirmed (nothing is saved yet). */
  settingsEffect?: SettingsEffect;
  /** Changes on every answer, so a form can remount with fresh defaults. */
  nonce: number;
}

export const IDLE_STATE: ActionState = { status: "idle", nonce: 0 };

/** Whether a state is a success (a form then clears, a list refreshes). */
export const succeeded = (s: ActionState) => s.status === "saved" || s.status === "deleted";

/** A submit button with this name and the value "1" confirms a warning the action asked about. */
export const CONFIRM_FIELD = "confirmed";

/** A one-time message shown on the next page (e.g. after a redirect): a cookie holding one of these keys. */
export const FLASH_COOKIE = "flash";
export const FLASH_KEYS = ["passwordChanged"] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];
