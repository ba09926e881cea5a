"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { FLASH_COOKIE, type FlashKey } from "@/lib/action-state";

/** A one-time confirmation carried over a redirect (a cookie the server set); shown once, then forgotten. */
export function Flash({ message }: { message: FlashKey | null }) {
  const t = useTranslations("flash");
  useEffect(() => {
    if (message) document.cookie = `${FLASH_COOKIE}=; path=/; max-age=0; samesite=lax`;
  }, [message]);
  if (!message) return null;
  return (
    <p role="status" data-testid="flash" className="mb-4 rounded bg-green-50 p-2 text-green-900">
      {t(message)}
    </p>
  );
}
