"use client";
import { createContext, useContext, type ReactNode } from "react";

/** The error page's words, given by the root layout (the error page is a client component). */
export type ErrorStrings = { title: string; body: string; retry: string };

const Strings = createContext<ErrorStrings>({ title: "", body: "", retry: "" });

export function ErrorStringsProvider({ strings, children }: { strings: ErrorStrings; children: ReactNode }) {
  return <Strings value={strings}>{children}</Strings>;
}

export function useErrorStrings(): ErrorStrings {
  return useContext(Strings);
}
