import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/auth/session";

export default async function Home() {
  const user = await requireUser();
  redirect(user.role === "channel_manager" ? "/portfolio" : `/partners/${user.partnerId}`);
}
