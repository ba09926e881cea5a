"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { BROWSER_TIME_ZONE_COOKIE } from "@/lib/i18n/config";

/**
 * Tells the server the browser's time zone (a cookie), so times are shown in it when the user has not
 * chosen one; re-renders once when it was unknown or changed. Renders nothing.
 */
export function TimeZoneSync({ known }: { known: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz || tz === known) return;
    document.cookie = `${BROWSER_TIME_ZONE_COOKIE}=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [known, router]);
  return null;
}
