import type { Locale } from '@/lib/i18n';
import type { z } from 'zod';
import type { ConceptDiagram as DiagramId } from '@/lib/lessons/schema';
import { Architecture } from './Architecture';
import { Install } from './Install';
import { Kubernetes } from './Kubernetes';
import { Namespaces } from './Namespaces';
import { Orchestration } from './Orchestration';
import { VmVsContainer } from './VmVsContainer';

const diagrams = { 'vm-vs-container': VmVsContainer, architecture: Architecture, namespaces: Namespaces, orchestration: Orchestration, kubernetes: Kubernetes, install: Install };

export function ConceptDiagram({ id, locale }: { id: z.infer<typeof DiagramId>; locale: Locale }) {
  const D = diagrams[id];
  return <D locale={locale} />;
}
