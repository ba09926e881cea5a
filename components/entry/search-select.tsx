"use client";
// A large partner's customer or person field: the form kit's combobox (components/form/combobox.tsx)
// whose matches come from the server (lib/choices.ts, app/partners/[partnerId]/choices) through TanStack
// Query, instead of a select of thousands of options.
import { QueryClient, QueryClientProvider, keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { choicesUrl, type ChoicesAnswer } from "@/lib/choices";
import type { ChoiceList } from "@/lib/vocabulary";
import { Combobox, type ComboboxProps, type Matches } from "@/components/form/combobox";

export type SearchSelectProps = Omit<ComboboxProps, "placeholder"> & { partnerId: number; list: ChoiceList };

export function SearchSelect(props: SearchSelectProps) {
  // One cache per field: matches stay for the page's life (a write re-renders the page, and its form, anew).
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <ServerCombobox {...props} />
    </QueryClientProvider>
  );
}

async function fetchChoices(url: string, signal: AbortSignal): Promise<ChoicesAnswer> {
  const res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`choices: ${res.status}`);
  return (await res.json()) as ChoicesAnswer;
}

function ServerCombobox({ partnerId, list, ...props }: SearchSelectProps) {
  const t = useTranslations("entry.search");
  const useServerMatches = (query: string, open: boolean): Matches => {
    const search = useQuery({
      queryKey: ["choices", partnerId, list, query],
      queryFn: ({ signal }) => fetchChoices(choicesUrl(partnerId, list, query), signal),
      enabled: open,
      placeholderData: keepPreviousData,
    });
    return { answer: search.data, pending: search.isPlaceholderData && search.isFetching, failed: search.isError };
  };
  return <Combobox {...props} placeholder={t(`placeholder.${list}`)} useMatches={useServerMatches} />;
}
