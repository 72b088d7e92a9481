import { notFound } from "next/navigation";
import { IterationView } from "@/components/groups/tabs/iteration-view";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { iterationOf, iterationsPath } from "../../../iterations";

/** An iteration's page (`/-/iterations/<id>`). */
export default async function IterationPage({ params }: { params: Promise<GroupParams & { id: string }> }) {
  const { group } = await groupRoute(params);
  const iteration = await iterationOf(group.id, Number((await params).id));
  if (!iteration) notFound();
  return (
    <IterationView
      listHref={iterationsPath(group)}
      iteration={{
        title: iteration.title,
        cadence: iteration.cadenceTitle,
        description: iteration.description,
        state: iteration.state,
        startDate: iteration.startDate,
        dueDate: iteration.dueDate,
      }}
    />
  );
}
