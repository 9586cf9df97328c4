'use client';
// The Dockerfile editor: Monaco with Dockerfile completion, hovers in our
// words, live lesson lint with quick fixes, the engine's build error on its
// line, and two-way line highlighting with the layer diagram (all in
// MonacoEditor.tsx). This light half is what pages bundle: until Monaco's
// chunk has arrived (from our own origin, never a CDN) it shows the text as
// plain lines, and the server may have told the browser to fetch that chunk
// with the HTML already (app/editor-preload.ts).
import { Component, createContext, useContext, type ReactNode } from 'react';
import dynamic from 'next/dynamic';
import type { DockerfileEditorProps } from './editor-props';
import './editor.css';

export type { DockerfileEditorProps } from './editor-props';

// Start fetching Monaco as soon as this module runs in the browser, not when
// React first renders the editor: the download then overlaps hydration.
if (typeof window !== 'undefined') import('./MonacoEditor').catch(() => undefined);

const Placeholder = createContext<{ value: string; ariaLabel: string }>({ value: '', ariaLabel: '' });

function PlainText({ failed = false }: { failed?: boolean }) {
  const { value, ariaLabel } = useContext(Placeholder);
  return (
    <pre className="layerlab-editor__placeholder" aria-label={ariaLabel} aria-busy={!failed} style={{ height: '100%' }}>
      {failed ? 'The editor could not load. Reload the page to try again.\n\n' : ''}{value}
    </pre>
  );
}

// Written out in full (not a shared loader function) so Next.js records the
// import's chunks in the route's react-loadable-manifest, which
// app/editor-preload.ts reads.
const MonacoEditor = dynamic(() => import('./MonacoEditor'), { ssr: false, loading: () => <PlainText /> });

// A chunk that fails to load (offline, a new deployment) leaves the text readable.
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  render() { return this.state.failed ? <PlainText failed /> : this.props.children; }
}

export function DockerfileEditor(props: DockerfileEditorProps) {
  const { value, height = 360, ariaLabel = 'Dockerfile editor' } = props;
  return (
    <div className="layerlab-editor" style={{ height }}>
      <Placeholder.Provider value={{ value, ariaLabel }}>
        <LoadFailure>
          <MonacoEditor {...props} />
        </LoadFailure>
      </Placeholder.Provider>
    </div>
  );
}
