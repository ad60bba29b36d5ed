import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ComponentType, useState } from 'react';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../api';
import { SyncBuilderFormData } from '../components/scaffolder/SyncBuilderFormData';

export interface BuilderFieldOptions {
  api: AudienceSyncsApi;
  /** The field's own value. */
  value?: unknown;
  /** The rest of the builder's form, as earlier pages filled it. */
  form?: SyncBuilderFormData;
  /** Errors of the last "Next", as the scaffolder passes them back. */
  rawErrors?: string[];
}

/**
 * Renders a builder field as the scaffolder's form does: its value in `formData`, the whole form in
 * `formContext.formData`, and its changes kept, so a test can type into it. `onChange` records every value.
 */
export async function renderBuilderField<P>(
  Field: ComponentType<P>,
  { api, value, form = {}, rawErrors = [] }: BuilderFieldOptions,
): Promise<{ onChange: jest.Mock }> {
  const onChange = jest.fn();
  const Harness = () => {
    const [current, setCurrent] = useState(value);
    const props = {
      formData: current,
      onChange: (next: unknown) => {
        onChange(next);
        setCurrent(next);
      },
      rawErrors,
      required: true,
      disabled: false,
      schema: {},
      uiSchema: {},
      idSchema: { $id: 'root_field' },
      formContext: { formData: form },
    } as unknown as P;
    return <Field {...(props as P & JSX.IntrinsicAttributes)} />;
  };
  await renderInTestApp(
    <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
      <Harness />
    </TestApiProvider>,
  );
  return { onChange };
}
