// 识别心理危机信号小测验: one question per screen in large type, before and after a mental-health session or a
// lesson. The right answers and the reasons show at once; only the score is kept, never who answered.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../components/nutui';
import { FormError } from '../../components/form-field';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { useRemote } from '../../lib/use-remote';
import { KNOWLEDGE_QUESTIONS } from '@shared/knowledge-check';
import './knowledge-check.scss';

type Result = RouterOutputs['knowledge']['submit'];
type Phase = 'BEFORE' | 'AFTER';

const PHASE_TITLE: Record<Phase, string> = { BEFORE: '学习前小测验', AFTER: '学习后小测验' };

function Quiz({ target, phase }: { target: { sessionId: string } | { lessonId: string }; phase: Phase }) {
  const remote = useRemote(remoteKeys.knowledgeQuestions, () => trpc.knowledge.questions.query());
  const [answers, setAnswers] = useState<number[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const { busy, error, run } = useAction();
  return (
    <RemoteState state={remote.state} reload={remote.reload}>
      {({ questions, source }) => {
        if (result)
          return (
            <View className='knowledge-check__result' role='status'>
              <Text className='knowledge-check__score'>{`答对 ${result.score} 题，共 ${result.total} 题`}</Text>
              {result.feedback.map((f, i) => (
                <View key={f.id} className='knowledge-check__feedback'>
                  <Text className='knowledge-check__q'>{`${i + 1}. ${questions[i].text}`}</Text>
                  <Text className={f.correct ? 'knowledge-check__right' : 'knowledge-check__wrong'}>
                    {f.correct ? '✓ 答对了' : `✗ 正确答案：${f.answer}`}
                  </Text>
                  <Text className='knowledge-check__explain'>{f.explain}</Text>
                </View>
              ))}
            </View>
          );
        const index = answers.length;
        const q = questions[index];
        const choose = (option: number) => {
          const next = [...answers, option];
          if (next.length < questions.length) {
            setAnswers(next);
            return;
          }
          void run(async () => {
            setResult(await trpc.knowledge.submit.mutate({ ...target, phase, answers: next }));
          });
        };
        return (
          <View className='knowledge-check__quiz'>
            <Text className='knowledge-check__progress'>{`第 ${Math.min(index + 1, questions.length)} 题，共 ${questions.length} 题`}</Text>
            {q ? (
              <View role='group' aria-label={q.text}>
                <Text className='knowledge-check__q'>{q.text}</Text>
                {q.options.map((o, i) => (
                  <Button
                    key={i}
                    className='knowledge-check__option'
                    fill='outline'
                    disabled={busy}
                    onClick={() => choose(i)}
                  >
                    {o}
                  </Button>
                ))}
              </View>
            ) : null}
            {index > 0 && !busy ? (
              <Button fill='none' onClick={() => setAnswers(answers.slice(0, -1))}>
                上一题
              </Button>
            ) : null}
            <FormError message={error} />
            <Text className='knowledge-check__source'>{source}</Text>
          </View>
        );
      }}
    </RemoteState>
  );
}

/** The check of a mental-health session or a lesson, before or after it (the page decides which). */
export function KnowledgeCheck({
  target,
  phase,
}: {
  target: { sessionId: string } | { lessonId: string };
  phase: Phase;
}) {
  const [open, setOpen] = useState(false);
  return (
    <View className='detail-card knowledge-check' aria-label='识别心理危机信号小测验'>
      <Text className='detail-card__heading'>{`识别心理危机信号 · ${PHASE_TITLE[phase]}`}</Text>
      <Text className='detail-card__line'>
        {`共 ${KNOWLEDGE_QUESTIONS.length} 道选择题，看看自己能不能认出孩子的危机信号、知道该找谁。不记名，只统计答对的比例。`}
      </Text>
      {open ? (
        <Quiz target={target} phase={phase} />
      ) : (
        <Button type='primary' onClick={() => setOpen(true)}>
          开始小测验
        </Button>
      )}
    </View>
  );
}
