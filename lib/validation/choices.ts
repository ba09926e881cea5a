// The choices search's query (app/partners/[partnerId]/choices): which list, and what was typed. Pure.
import { z } from "zod";
import { CHOICE_LISTS, NAME_MAX } from "@/lib/vocabulary";

export const choiceQuerySchema = z.object({
  list: z.enum(CHOICE_LISTS),
  // A name has at most NAME_MAX characters, which are up to twice as many UTF-16 units.
  q: z
    .string()
    .max(2 * NAME_MAX)
    .default(""),
});
