import { getTranslations } from "next-intl/server";
import { offlineUserKey } from "@/lib/offline/user-key";
import { OfflineApp } from "./offline-app";

/**
 * On the pages a field user needs without a connection (a group's entry forms, coaching) and on the
 * installed app's start page: the service worker for this user and the "new version" notice.
 * Other pages never load the offline code.
 */
export async function OfflineSupport({ userId }: { userId: string }) {
  const t = await getTranslations("offline");
  return <OfflineApp userKey={offlineUserKey(userId)} labels={{ updateReady: t("updateReady"), updateReload: t("updateReload") }} />;
}
