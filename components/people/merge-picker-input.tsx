"use client";
import { useEffect, useRef, useTransition } from "react";
import { useRouter } from "next/navigation";
import { SearchField } from "@/components/search/search-field";

/**
 * The query box of the "merge with another person" picker. Without JavaScript it is a plain field
 * of a GET form (`?<name>=`): the server lists the people found. With JavaScript the same page is
 * asked again as one types (after a short pause, from two letters), so the list follows the query.
 */
export function MergePickerInput({
  name,
  path,
  label,
  hint,
  defaultValue,
}: {
  name: string;
  path: string;
  label: string;
  hint: string;
  defaultValue?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (value: string) => {
    clearTimeout(timer.current);
    const q = value.trim();
    if (q !== "" && q.length < 2) return;
    timer.current = setTimeout(() => {
      const href = q === "" ? path : `${path}?${new URLSearchParams({ [name]: q }).toString()}`;
      startTransition(() => router.replace(href, { scroll: false }));
    }, 350);
  };
  return <SearchField name={name} label={label} hint={hint} defaultValue={defaultValue} onInput={search} busy={pending} testId="merge-picker-input" />;
}
