"use client";
import { useEffect } from "react";
import { FLASH_COOKIE } from "@/lib/action-state";

/** A one-time confirmation carried over a redirect (a cookie the server set); shown once, then forgotten. */
export function Flash({ text }: { text: string | null }) {
  useEffect(() => {
    if (text) document.cookie = `${FLASH_COOKIE}=; path=/; max-age=0; samesite=lax`;
  }, [text]);
  if (!text) return null;
  return (
    <p role="status" data-testid="flash" className="mb-4 rounded bg-green-50 p-2 text-green-900">
      {text}
    </p>
  );
}
