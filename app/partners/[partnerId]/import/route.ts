// POST /partners/ID/import?kind=…&mode=preview|commit&name=…: the body is the file's bytes. The answer is
// a stream of JSON lines: progress ({"type":"progress"}) while rows are read, then the preview, the stored
// import, or a refusal ({"type":"refused","key":…}). The partner's admin, or a channel manager acting on
// the partner (recorded as the importer), may import; the session and role are checked here. A file over
// the limits is refused before its body is read.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { previewImport, refreshAfterImport, runImport, type AnalyseInput } from "@/lib/server/import";
import { IMPORT_KINDS, IMPORT_MAX_BYTES } from "@/lib/vocabulary";

const query = z.object({
  kind: z.enum(IMPORT_KINDS),
  mode: z.enum(["preview", "commit"]),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((s) => s.replace(/[\u0000-\u001f]/g, "")),
  dups: z.enum(["0", "1"]).default("0"),
  mark: z.coerce.number().int().min(0).optional(),
  rows: z.coerce.number().int().min(0).optional(),
});

const json = (o: unknown, status = 200) =>
  new Response(JSON.stringify(o) + "\n", { status, headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });

export async function POST(req: Request, { params }: { params: Promise<{ partnerId: string }> }) {
  const partnerId = Number((await params).partnerId);
  const user = await requirePartnerAccess(partnerId);
  const q = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return json({ type: "refused", key: "badRequest" }, 400);
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > IMPORT_MAX_BYTES) return json({ type: "refused", key: "fileTooLarge" }, 413);
  const bytes = await readLimited(req, IMPORT_MAX_BYTES);
  if (bytes === null) return json({ type: "refused", key: "fileTooLarge" }, 413);
  if (q.data.mode === "commit" && (q.data.mark === undefined || q.data.rows === undefined)) return json({ type: "refused", key: "badRequest" }, 400);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(JSON.stringify(o) + "\n"));
      const input: AnalyseInput = {
        partnerId,
        kind: q.data.kind,
        fileName: q.data.name,
        bytes,
        includeDuplicates: q.data.dups === "1",
        onProgress: (done, total) => send({ type: "progress", done, total }),
      };
      try {
        if (q.data.mode === "preview") {
          const r = await previewImport(user.id, input);
          send("refusal" in r ? { type: "refused", key: r.refusal, missing: "missing" in r ? r.missing : undefined } : { type: "preview", preview: r.preview });
        } else {
          const r = await runImport({ actorId: user.id, partnerId }, input, { mark: q.data.mark!, rows: q.data.rows! }, { refresh: false });
          if ("record" in r) {
            // Stored: say so at once, then bring the stored evaluation up to date (once) before the answer ends.
            send({ type: "imported", record: r.record, preview: r.preview });
            send({ type: "refreshing" });
            refreshAfterImport(partnerId);
            revalidatePath(`/partners/${partnerId}`);
            send({ type: "done" });
          } else {
            send({ type: "refused", key: r.refusal, missing: "missing" in r ? r.missing : undefined, preview: "preview" in r ? r.preview : undefined });
          }
        }
      } catch (err) {
        console.error("import failed:", err instanceof Error ? err.message : err);
        send({ type: "refused", key: "genericError" });
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** The body, or null as soon as it passes the limit (a chunked body has no declared length). */
async function readLimited(req: Request, limit: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
