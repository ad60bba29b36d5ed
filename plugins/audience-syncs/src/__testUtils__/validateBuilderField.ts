import { ApiHolder } from '@backstage/core-plugin-api';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../api';
import { SyncBuilderFormData } from '../components/scaffolder/SyncBuilderFormData';

/**
 * Runs a field's validation as the scaffolder does on "Next" and returns the errors it added; like the
 * scaffolder, it turns a thrown error into one error with its message.
 */
export async function validateBuilderField<T>(
  validate: CustomFieldValidator<T>,
  value: NoInfer<T>,
  { api, form = {} }: { api?: AudienceSyncsApi; form?: SyncBuilderFormData },
): Promise<string[]> {
  const apiHolder: ApiHolder = {
    get: ref => (ref.id === audienceSyncsApiRef.id ? api : undefined) as any,
  };
  const validation = createFieldValidation();
  try {
    await validate(value, validation, {
      apiHolder,
      formData: form as Parameters<CustomFieldValidator<T>>[2]['formData'],
      schema: {},
    });
  } catch (error) {
    validation.addError((error as Error).message);
  }
  return validation.__errors ?? [];
}
