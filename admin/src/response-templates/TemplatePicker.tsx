import { useState } from 'react';
import Alert from '@mui/material/Alert';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useFormContext } from 'react-hook-form';
import { useGetList, useGetOne, useTranslate } from 'react-admin';
import {
  fillTemplate,
  type TemplatePlaceholder,
} from '../../../api/back-office/response-templates/template-placeholders';
import { useTaxonomy } from '../cases/useTaxonomyEvents';

interface ResponseTemplate {
  id: string;
  name: string;
  action: string;
  language: 'pl' | 'en';
  body: string;
}

export interface CaseForTemplate {
  number: string;
  eventCode: string | null;
  unitCode: string | null;
  language?: string;
}

/** The case's number, event and unit as a template in `language` names them. */
function usePlaceholderValues(
  caseRecord: CaseForTemplate,
): (language: 'pl' | 'en') => Record<TemplatePlaceholder, string | null> {
  const taxonomy = useTaxonomy();
  const { data: unit } = useGetOne<{ id: string; name: string; nameEn: string }>(
    'units',
    { id: caseRecord.unitCode ?? '' },
    { enabled: Boolean(caseRecord.unitCode) },
  );
  const eventNames = caseRecord.eventCode
    ? taxonomy?.subcategories
        .flatMap((sub) => sub.events)
        .find((candidate) => candidate.code === caseRecord.eventCode)?.name
    : undefined;
  return (language) => ({
    caseNumber: caseRecord.number,
    eventName: eventNames?.[language] ?? null,
    unitName: unit ? (language === 'en' ? unit.nameEn : unit.name) : null,
  });
}

/**
 * "Use template" in a case action's form: the chosen template's text, with the case's number,
 * event and unit filled in, replaces the note, which stays editable. Templates in the case's
 * language come first.
 */
export const TemplatePicker = ({
  action,
  caseRecord,
}: {
  action: 'answer' | 'resolve' | 'request-info';
  caseRecord: CaseForTemplate;
}) => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const valuesIn = usePlaceholderValues(caseRecord);
  const [chosen, setChosen] = useState('');
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const { data: templates = [] } = useGetList<ResponseTemplate>('response-templates', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
    filter: { action: [action, 'any'], active: true },
  });
  if (templates.length === 0) return null;

  const caseLanguage = caseRecord.language === 'en' ? 'en' : 'pl';
  const ordered = [...templates].sort(
    (a, b) => Number(b.language === caseLanguage) - Number(a.language === caseLanguage),
  );

  const choose = (id: string) => {
    const template = templates.find((candidate) => candidate.id === id);
    if (!template) return;
    const filled = fillTemplate(template.body, valuesIn(template.language));
    setChosen(id);
    setUnfilled(filled.unfilled.map((name) => `{{${name}}}`));
    setValue('note', filled.text, { shouldDirty: true, shouldValidate: true });
  };

  return (
    <>
      <TextField
        select
        fullWidth
        size="small"
        label={translate('civicflow.responseTemplates.use_template')}
        value={chosen}
        onChange={(event) => choose(event.target.value)}
        sx={{ mt: 1, mb: 1 }}
        slotProps={{ htmlInput: { 'data-testid': 'response-template-select' } }}
      >
        {ordered.map((template) => (
          <MenuItem key={template.id} value={template.id}>
            {`${template.name} (${template.language.toUpperCase()})`}
          </MenuItem>
        ))}
      </TextField>
      {unfilled.length > 0 && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('civicflow.responseTemplates.unfilled', { placeholders: unfilled.join(', ') })}
        </Alert>
      )}
    </>
  );
};
