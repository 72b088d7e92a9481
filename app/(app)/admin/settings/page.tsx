import { notFound } from "next/navigation";
import { SettingsForm } from "@/components/admin/settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { getSettings } from "@/lib/settings";
import { requireUser } from "../../require-user";
import { updateSettingsAction } from "./actions";

export const metadata = { title: "Admin settings" };

export default async function AdminSettingsPage() {
  const user = await requireUser();
  if (!user.isAdmin) notFound();
  return (
    <>
      <PageHeader title="Admin settings" description="Instance-wide settings. Environment variables (FERRY_ALLOW_LOCAL_SOURCES, FERRY_ALLOW_INSECURE_SOURCES) can also allow sources for everyone." />
      <SettingsForm action={updateSettingsAction} settings={await getSettings()} />
    </>
  );
}
