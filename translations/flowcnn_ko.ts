<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>flowcnn::jobs::BaselineJob</name>
        <message>
            <source>Running baselines</source>
            <translation>기준 모델 실행 중</translation>
        </message>
        <message>
            <source>Baselines on dataset %1: %2 rows, %3 flows of %4 captures cross-validated in %5 folds by capture</source>
            <translation>데이터셋 %1의 기준 모델: %2개 행, 캡처 %4개의 플로우 %3개를 캡처별 %5-폴드로 교차 검증</translation>
        </message>
        <message>
            <source>Baselines on dataset %1: %2 rows, %3 train / %4 scored flows (%5 scored images also in train)</source>
            <translation>데이터셋 %1의 기준 모델: %2행, 학습 %3 / 평가 %4 플로우 (평가 이미지 중 %5개는 학습에도 있음)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::BaselineTableModel</name>
        <message>
            <source>k-NN model</source>
            <translation>k-NN 모델</translation>
        </message>
        <message>
            <source>trees model</source>
            <translation>트리 모델</translation>
        </message>
        <message>
            <source>CNN</source>
            <translation>CNN</translation>
        </message>
        <message>
            <source>baseline</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>masked</source>
            <translation>가림</translation>
        </message>
        <message>
            <source>plain</source>
            <translation>원본</translation>
        </message>
        <message>
            <source>%1: F1 of class %2</source>
            <translation>%1: 클래스 %2의 F1</translation>
        </message>
        <message>
            <source>Mean F1 over the classes with scored flows</source>
            <translation>평가 플로우가 있는 클래스들의 평균 F1</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>종류</translation>
        </message>
        <message>
            <source>Server names</source>
            <translation>서버 이름</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>정확도</translation>
        </message>
        <message>
            <source>Macro-F1</source>
            <translation>매크로 F1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::BaselinesDock</name>
        <message>
            <source>Baselines</source>
            <translation>기준 모델</translation>
        </message>
        <message>
            <source>Also with server names masked</source>
            <translation>서버 이름을 가린 경우도 함께</translation>
        </message>
        <message>
            <source>Train and score every byte model again with the TLS SNI / HTTP Host bytes blanked</source>
            <translation>TLS SNI / HTTP Host 바이트를 지운 뒤 모든 바이트 모델을 다시 학습하고 평가</translation>
        </message>
        <message>
            <source>Scored on the validation split</source>
            <translation>검증 분할로 평가</translation>
        </message>
        <message>
            <source>%1 folds by capture</source>
            <translation>캡처별 %1-폴드</translation>
        </message>
        <message>
            <source>Cross-validation by capture file: every flow is scored by models trained on the other folds' captures (0: train on the train split, score the validation split)</source>
            <translation>캡처 파일별 교차 검증: 모든 플로우를 다른 폴드의 캡처로 학습한 모델이 평가합니다 (0: 학습 분할로 학습하고 검증 분할로 평가)</translation>
        </message>
        <message>
            <source>Run baselines</source>
            <translation>기준 모델 실행</translation>
        </message>
        <message>
            <source>k-nearest neighbour, logistic regression, name only and majority class, trained on the train split and scored on the validation split</source>
            <translation>k-최근접 이웃, 로지스틱 회귀, 이름만, 다수 클래스: 학습 분할로 학습하고 검증 분할로 평가</translation>
        </message>
        <message>
            <source>Make a dataset first (Datasets dock).</source>
            <translation>먼저 데이터셋을 만드십시오 (데이터셋 도크).</translation>
        </message>
        <message>
            <source>Audit of this split: %1</source>
            <translation>이 분할의 점검 결과: %1</translation>
        </message>
        <message>
            <source>k-NN run %1 (%2)</source>
            <translation>k-NN 실행 %1 (%2)</translation>
        </message>
        <message>
            <source>trees run %1 (%2)</source>
            <translation>트리 실행 %1 (%2)</translation>
        </message>
        <message>
            <source>CNN run %1 (%2)</source>
            <translation>CNN 실행 %1 (%2)</translation>
        </message>
        <message>
            <source>No baselines run for this dataset yet.</source>
            <translation>이 데이터셋에서는 아직 기준 모델을 실행하지 않았습니다.</translation>
        </message>
        <message>
            <source>Cross-validated by capture: %1 folds, all %2 flows, each scored by models that never saw its capture (the CNN runs' validation scores are not comparable and are hidden).</source>
            <translation>캡처별 교차 검증: %1개 폴드, 전체 %2개 플로우, 각 플로우는 그 캡처를 보지 않은 모델이 평가했습니다 (CNN 실행의 검증 점수는 비교할 수 없어 숨깁니다).</translation>
        </message>
        <message>
            <source> From a single capture, so never learnable for an unseen one: %1.</source>
            <translation> 하나의 캡처에서만 나온 클래스라 처음 보는 캡처에 대해 학습할 수 없습니다: %1.</translation>
        </message>
        <message>
            <source>Macro-F1: mean over the classes with validation flows.</source>
            <translation>매크로 F1: 검증 플로우가 있는 클래스들의 평균.</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::BestSoFarPlot</name>
        <message>
            <source>Best value so far</source>
            <translation>현재까지 최고 값</translation>
        </message>
        <message>
            <source>Trial</source>
            <translation>시행</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>정확도</translation>
        </message>
        <message>
            <source>Pruned or failed</source>
            <translation>가지치기됨 또는 실패</translation>
        </message>
        <message>
            <source>Best so far</source>
            <translation>현재까지 최고</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>학습 정확도</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ByteLink</name>
        <message>
            <source>Byte %1 (row %2, column %3): 0x%4 = %5</source>
            <translation>바이트 %1 (행 %2, 열 %3): 0x%4 = %5</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ClassCountChart</name>
        <message>
            <source>Flows per class</source>
            <translation>클래스별 플로우 수</translation>
        </message>
        <message>
            <source>Labelled</source>
            <translation>레이블됨</translation>
        </message>
        <message>
            <source>Predicted</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>플로우</translation>
        </message>
        <message>
            <source>unlabelled</source>
            <translation>레이블 없음</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ClassificationDock</name>
        <message>
            <source>Classification</source>
            <translation>분류</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>Labelled flows</source>
            <translation>레이블된 플로우</translation>
        </message>
        <message>
            <source>Predicted flows</source>
            <translation>예측된 플로우</translation>
        </message>
        <message>
            <source>Flows per class</source>
            <translation>클래스별 플로우 수</translation>
        </message>
        <message>
            <source>&amp;Unknown below:</source>
            <translation>다음 미만은 알 수 없음(&amp;U):</translation>
        </message>
        <message>
            <source>A flow whose most probable class has a lower confidence is called unknown. Changing it shows the effect on the stored classification without classifying again.</source>
            <translation>가장 가능성 높은 클래스의 신뢰도가 이보다 낮은 플로우는 알 수 없음으로 분류됩니다. 값을 바꾸면 다시 분류하지 않고 저장된 분류에 미치는 영향을 보여 줍니다.</translation>
        </message>
        <message>
            <source>Unknown threshold</source>
            <translation>알 수 없음 임계값</translation>
        </message>
        <message>
            <source>Labelled flows only</source>
            <translation>레이블된 플로우만</translation>
        </message>
        <message numerus="yes">
            <source>Classification %1 of %2 (%n flow(s))</source>
            <translation>
                <numerusform>%2의 분류 %1 (플로우 %n개)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2 flows unknown (%3%)</source>
            <translation>플로우 %2개 중 %1개 알 수 없음 (%3%)</translation>
        </message>
        <message>
            <source>Flows whose most probable class is below the threshold</source>
            <translation>가장 가능성 높은 클래스가 임계값보다 낮은 플로우</translation>
        </message>
        <message>
            <source>%1 (model %2, %3)</source>
            <translation>%1 (모델 %2, %3)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ClassifyDialog</name>
        <message>
            <source>Classify a Capture</source>
            <translation>캡처 분류</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Model file...</source>
            <translation>모델 파일...</translation>
        </message>
        <message>
            <source>&amp;Model:</source>
            <translation>모델(&amp;M):</translation>
        </message>
        <message>
            <source>a .flowcnn-model file</source>
            <translation>.flowcnn-model 파일</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>찾아보기...</translation>
        </message>
        <message>
            <source>Model &amp;file:</source>
            <translation>모델 파일(&amp;F):</translation>
        </message>
        <message>
            <source>drop a capture here, or browse</source>
            <translation>여기에 캡처를 끌어 놓거나 찾아보세요</translation>
        </message>
        <message>
            <source>Capture to classify</source>
            <translation>분류할 캡처</translation>
        </message>
        <message>
            <source>&amp;Capture:</source>
            <translation>캡처(&amp;C):</translation>
        </message>
        <message>
            <source>Flows predicted with less confidence are labelled "unknown".</source>
            <translation>신뢰도가 이보다 낮은 플로우는 "unknown"으로 표시됩니다.</translation>
        </message>
        <message>
            <source>&amp;Threshold:</source>
            <translation>임계값(&amp;T):</translation>
        </message>
        <message>
            <source>&amp;Classify</source>
            <translation>분류(&amp;C)</translation>
        </message>
        <message>
            <source>Model File</source>
            <translation>모델 파일</translation>
        </message>
        <message>
            <source>Models (*.flowcnn-model *.model);;All files (*)</source>
            <translation>모델 (*.flowcnn-model *.model);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>캡처</translation>
        </message>
        <message>
            <source>Captures (*.pcap *.pcapng *.cap);;All files (*)</source>
            <translation>캡처 (*.pcap *.pcapng *.cap);;모든 파일 (*)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ClassifyJob</name>
        <message>
            <source>Classifying</source>
            <translation>분류 중</translation>
        </message>
        <message>
            <source>loading the model</source>
            <translation>모델 불러오는 중</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n flow(s) classified</source>
            <translation>
                <numerusform>%1: 플로우 %n개 분류됨</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ConfusionMatrixWidget</name>
        <message>
            <source>&amp;Row-normalised</source>
            <translation>행 정규화(&amp;R)</translation>
        </message>
        <message>
            <source>Divide each row by its total: the diagonal shows each class's recall</source>
            <translation>각 행을 행 합계로 나눕니다: 대각선이 클래스별 재현율을 나타냅니다</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>혼동 행렬</translation>
        </message>
        <message>
            <source>Predicted class</source>
            <translation>예측 클래스</translation>
        </message>
        <message>
            <source>True class</source>
            <translation>실제 클래스</translation>
        </message>
        <message>
            <source>Fraction of the true class</source>
            <translation>실제 클래스 중 비율</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>플로우</translation>
        </message>
        <message>
            <source>True: %1
Predicted: %2
%3 flows (%4% of %1)</source>
            <translation>실제: %1
예측: %2
플로우 %3개 (%1의 %4%)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::DatasetJob</name>
        <message>
            <source>Making dataset</source>
            <translation>데이터셋 생성 중</translation>
        </message>
        <message>
            <source>splitting</source>
            <translation>분할 중</translation>
        </message>
        <message>
            <source>auditing</source>
            <translation>점검 중</translation>
        </message>
        <message>
            <source>Dataset "%1": %2 classes, %3 train / %4 validation / %5 test flows</source>
            <translation>데이터셋 "%1": 클래스 %2개, 학습 %3 / 검증 %4 / 테스트 %5 플로우</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::DatasetsDock</name>
        <message>
            <source>Datasets</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Validation</source>
            <translation>검증</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>테스트</translation>
        </message>
        <message>
            <source>Dataset audit</source>
            <translation>데이터셋 점검</translation>
        </message>
        <message>
            <source>%1 classes · %2 train · %3 validation · %4 test</source>
            <translation>클래스 %1개 · 학습 %2 · 검증 %3 · 테스트 %4</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::EvaluationDock</name>
        <message>
            <source>Evaluation</source>
            <translation>평가</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>플로우</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>신뢰도</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>혼동 행렬</translation>
        </message>
        <message>
            <source>Per-class metrics</source>
            <translation>클래스별 지표</translation>
        </message>
        <message>
            <source>Flows of the chosen cell</source>
            <translation>선택한 셀의 플로우</translation>
        </message>
        <message>
            <source>Run %1 · %2 split · accuracy %3 · macro F1 %4</source>
            <translation>실행 %1 · %2 분할 · 정확도 %3 · 매크로 F1 %4</translation>
        </message>
        <message numerus="yes">
            <source>%n flow(s) of class %1 predicted as %2</source>
            <translation>
                <numerusform>%1 클래스가 %2(으)로 예측된 플로우 %n개</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ExplainBar</name>
        <message>
            <source>Saliency</source>
            <translation>중요도</translation>
        </message>
        <message>
            <source>Colour the bytes the selected model's prediction rests on, in the image and the hex dump</source>
            <translation>선택한 모델의 예측이 근거로 삼은 바이트를 이미지와 16진 덤프에 색으로 표시</translation>
        </message>
        <message>
            <source>gradient</source>
            <translation>기울기</translation>
        </message>
        <message>
            <source>occlusion</source>
            <translation>가림</translation>
        </message>
        <message>
            <source>Gradient of the predicted class's score, or the drop in its probability when a 4x4 patch is blanked</source>
            <translation>예측 클래스 점수의 기울기, 또는 4x4 조각을 지웠을 때 그 확률이 떨어지는 정도</translation>
        </message>
        <message>
            <source>The trained run whose model is explained</source>
            <translation>설명할 모델을 가진 학습 실행</translation>
        </message>
        <message>
            <source>no trained model</source>
            <translation>학습된 모델 없음</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ExplainJob</name>
        <message>
            <source>Explaining a prediction</source>
            <translation>예측 설명</translation>
        </message>
        <message>
            <source>loading the model</source>
            <translation>모델 불러오는 중</translation>
        </message>
        <message>
            <source>no flow with id %1</source>
            <translation>ID %1인 플로우가 없습니다</translation>
        </message>
        <message>
            <source>flow %1 has no payload to explain</source>
            <translation>플로우 %1에는 설명할 페이로드가 없습니다</translation>
        </message>
        <message>
            <source>computing the saliency</source>
            <translation>중요도를 계산하는 중</translation>
        </message>
        <message>
            <source>Flow %1: run %2 predicts %3 (%4); no single patch of bytes lowers that confidence (%5)</source>
            <translation>플로우 %1: 실행 %2의 예측은 %3 (%4)입니다. 어떤 바이트 영역을 가려도 그 신뢰도가 낮아지지 않습니다 (%5)</translation>
        </message>
        <message>
            <source>Flow %1: run %2 predicts %3 (%4); red marks the bytes the prediction rests on (%5)</source>
            <translation>플로우 %1: 실행 %2의 예측은 %3 (%4). 빨간색은 예측의 근거가 된 바이트입니다 (%5)</translation>
        </message>
        <message>
            <source>gradient</source>
            <translation>기울기</translation>
        </message>
        <message>
            <source>occlusion</source>
            <translation>가림</translation>
        </message>
        <message>
            <source>; nearest training flow %1 (%2, distance %3)</source>
            <translation>; 가장 가까운 학습 플로우 %1 (%2, 거리 %3)</translation>
        </message>
    </context>
    <context>
        <name>ExportMenus</name>
        <message>
            <source>There is no table to export.</source>
            <translation>내보낼 표가 없습니다.</translation>
        </message>
        <message>
            <source>&amp;Copy Selected Rows</source>
            <translation>선택한 행 복사(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Copy All Rows</source>
            <translation>모든 행 복사(&amp;C)</translation>
        </message>
        <message>
            <source>Copy as CS&amp;V</source>
            <translation>CSV로 복사(&amp;V)</translation>
        </message>
        <message>
            <source>Copy as &amp;JSON</source>
            <translation>JSON으로 복사(&amp;J)</translation>
        </message>
        <message>
            <source>&amp;Export CSV...</source>
            <translation>CSV 내보내기(&amp;E)...</translation>
        </message>
        <message>
            <source>Export CSV</source>
            <translation>CSV 내보내기</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Cannot write %1:
%2</source>
            <translation>%1을(를) 쓸 수 없습니다:
%2</translation>
        </message>
        <message>
            <source>&amp;Resize Columns to Contents</source>
            <translation>내용에 맞게 열 크기 조정(&amp;R)</translation>
        </message>
        <message>
            <source>Save Chart</source>
            <translation>차트 저장</translation>
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>%1을(를) 쓸 수 없습니다.</translation>
        </message>
        <message>
            <source>Save as &amp;PNG...</source>
            <translation>PNG로 저장(&amp;P)...</translation>
        </message>
        <message>
            <source>PNG images (*.png);;All files (*)</source>
            <translation>PNG 이미지 (*.png);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Save as P&amp;DF...</source>
            <translation>PDF로 저장(&amp;D)...</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf);;All files (*)</source>
            <translation>PDF 문서 (*.pdf);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Save Image as &amp;PNG...</source>
            <translation>이미지를 PNG로 저장(&amp;P)...</translation>
        </message>
        <message>
            <source>Save Image</source>
            <translation>이미지 저장</translation>
        </message>
    </context>
    <context>
        <name>FlowFilter</name>
        <message>
            <source>'not' must be followed by a term</source>
            <translation>'not' 뒤에는 조건이 와야 합니다</translation>
        </message>
        <message>
            <source>'or' needs a term on each side</source>
            <translation>'or' 양쪽에 조건이 필요합니다</translation>
        </message>
        <message>
            <source>'%1' needs a field name before '='</source>
            <translation>'%1'의 '=' 앞에 필드 이름이 필요합니다</translation>
        </message>
        <message>
            <source>missing closing quote</source>
            <translation>닫는 따옴표가 없습니다</translation>
        </message>
        <message>
            <source>'port' needs a number</source>
            <translation>'port' 뒤에는 숫자가 필요합니다</translation>
        </message>
        <message>
            <source>'%1' is not a port (0-65535)</source>
            <translation>'%1'은(는) 포트 번호(0-65535)가 아닙니다</translation>
        </message>
        <message>
            <source>'host' needs an address or a name</source>
            <translation>'host' 뒤에는 주소나 이름이 필요합니다</translation>
        </message>
        <message>
            <source>'label' needs a value (label=none for unlabelled)</source>
            <translation>'label'에는 값이 필요합니다 (레이블 없음은 label=none)</translation>
        </message>
        <message>
            <source>'pred' needs a value (pred=none for unclassified)</source>
            <translation>'pred'에는 값이 필요합니다 (미분류는 pred=none)</translation>
        </message>
        <message>
            <source>'capture' needs a capture number</source>
            <translation>'capture' 뒤에는 캡처 번호가 필요합니다</translation>
        </message>
        <message>
            <source>'%1' is not a capture number</source>
            <translation>'%1'은(는) 캡처 번호가 아닙니다</translation>
        </message>
        <message>
            <source>unknown field '%1'</source>
            <translation>알 수 없는 필드 '%1'</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::FlowFilterBar</name>
        <message>
            <source>Filter flows, e.g. tcp port 443 host google label=Google</source>
            <translation>플로우 필터, 예: tcp port 443 host google label=Google</translation>
        </message>
        <message>
            <source>Flow filter</source>
            <translation>플로우 필터</translation>
        </message>
        <message>
            <source>Press Enter to apply. Terms: tcp, udp, port N, host X, label=X, pred=X, capture=N, image, not, or, words.</source>
            <translation>Enter를 눌러 적용합니다. 조건: tcp, udp, port N, host X, label=X, pred=X, capture=N, image, not, or, 단어.</translation>
        </message>
        <message>
            <source>Invalid filter at character %1: %2</source>
            <translation>필터 오류 (%1번째 문자): %2</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::FlowTableModel</name>
        <message>
            <source>%1 flows · %2 shown</source>
            <translation>플로우 %1개 · %2개 표시</translation>
        </message>
        <message>
            <source>Could not write labels: %1</source>
            <translation>레이블을 저장할 수 없습니다: %1</translation>
        </message>
        <message>
            <source>Client to server: %1 bytes
Server to client: %2 bytes</source>
            <translation>클라이언트→서버: %1 바이트
서버→클라이언트: %2 바이트</translation>
        </message>
        <message>
            <source>TLS SNI: %1</source>
            <translation>TLS SNI: %1</translation>
        </message>
        <message>
            <source>HTTP Host: %1</source>
            <translation>HTTP Host: %1</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>번호</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>캡처</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>프로토콜</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>클라이언트</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>서버</translation>
        </message>
        <message>
            <source>First packet (UTC)</source>
            <translation>첫 패킷 (UTC)</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>지속 시간 (초)</translation>
        </message>
        <message>
            <source>Packets (c→s / s→c)</source>
            <translation>패킷 (클→서 / 서→클)</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>바이트</translation>
        </message>
        <message>
            <source>Payload length</source>
            <translation>페이로드 길이</translation>
        </message>
        <message>
            <source>SNI / Host</source>
            <translation>SNI / 호스트</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>레이블</translation>
        </message>
        <message>
            <source>Prediction</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>신뢰도</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::HexView</name>
        <message>
            <source>Payload bytes</source>
            <translation>페이로드 바이트</translation>
        </message>
        <message>
            <source>Hexadecimal and ASCII dump of the payload image's bytes</source>
            <translation>페이로드 이미지 바이트의 16진수 및 ASCII 덤프</translation>
        </message>
        <message>
            <source>No payload</source>
            <translation>페이로드 없음</translation>
        </message>
        <message>
            <source>Copy bytes</source>
            <translation>바이트 복사</translation>
        </message>
        <message>
            <source>Copy byte %1</source>
            <translation>바이트 %1 복사</translation>
        </message>
        <message>
            <source>Hexadecimal</source>
            <translation>16진수</translation>
        </message>
        <message>
            <source>Decimal</source>
            <translation>10진수</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ImageGallery</name>
        <message>
            <source>Payload images per class</source>
            <translation>클래스별 페이로드 이미지</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ImportJob</name>
        <message>
            <source>Importing</source>
            <translation>가져오는 중</translation>
        </message>
        <message>
            <source>%1 (%2 of %3)</source>
            <translation>%1 (%3개 중 %2)</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n flow(s)</source>
            <translation>
                <numerusform>플로우 %n개를 가져왔습니다</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> from %n capture(s)</source>
            <translation>
                <numerusform> (캡처 %n개)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) failed</source>
            <translation>
                <numerusform>파일 %n개 실패</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::Job</name>
        <message>
            <source>Unknown error</source>
            <translation>알 수 없는 오류</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::LabelJob</name>
        <message>
            <source>Labelling from a CSV file</source>
            <translation>CSV 파일로 레이블 다는 중</translation>
        </message>
        <message>
            <source>Labelling with nDPI</source>
            <translation>nDPI로 레이블 다는 중</translation>
        </message>
        <message>
            <source>reading %1</source>
            <translation>%1 읽는 중</translation>
        </message>
        <message>
            <source>labelling</source>
            <translation>레이블 다는 중</translation>
        </message>
        <message>
            <source>Labelled %1 of %2 flows from %3 (%4 usable rows)</source>
            <translation>%3에서 플로우 %2개 중 %1개에 레이블을 달았습니다 (사용 가능한 행 %4개)</translation>
        </message>
        <message>
            <source>nDPI labelled %1 flows in %2 captures (%3 changed)</source>
            <translation>nDPI가 캡처 %2개에서 플로우 %1개에 레이블을 달았습니다 (%3개 변경)</translation>
        </message>
        <message>
            <source>; %1 captures could not be read again (file moved?)</source>
            <translation>; 캡처 %1개는 다시 읽을 수 없었습니다 (파일이 옮겨졌나요?)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::LeaderboardModel</name>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1분 %2초</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1초</translation>
        </message>
        <message>
            <source>running</source>
            <translation>실행 중</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>완료</translation>
        </message>
        <message>
            <source>pruned</source>
            <translation>가지치기됨</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>실패</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>취소됨</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>순위</translation>
        </message>
        <message>
            <source>Conv activation</source>
            <translation>합성곱 활성화</translation>
        </message>
        <message>
            <source>FC activation</source>
            <translation>완전연결 활성화</translation>
        </message>
        <message>
            <source>Kernel</source>
            <translation>커널</translation>
        </message>
        <message>
            <source>Pooling</source>
            <translation>풀링</translation>
        </message>
        <message>
            <source>Padding</source>
            <translation>패딩</translation>
        </message>
        <message>
            <source>FC units</source>
            <translation>완전연결 뉴런</translation>
        </message>
        <message>
            <source>Train acc. (%)</source>
            <translation>학습 정확도 (%)</translation>
        </message>
        <message>
            <source>Val. acc. (%)</source>
            <translation>검증 정확도 (%)</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>시간</translation>
        </message>
        <message>
            <source>State</source>
            <translation>상태</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::LiveCaptureDialog</name>
        <message>
            <source>Live Capture</source>
            <translation>실시간 캡처</translation>
        </message>
        <message>
            <source>Interfaces</source>
            <translation>인터페이스</translation>
        </message>
        <message>
            <source>(down)</source>
            <translation>(비활성)</translation>
        </message>
        <message>
            <source>No interfaces can be captured on. Capturing usually needs root or the CAP_NET_RAW capability.</source>
            <translation>캡처할 수 있는 인터페이스가 없습니다. 캡처에는 보통 root 권한이나 CAP_NET_RAW 권한이 필요합니다.</translation>
        </message>
        <message>
            <source>The capture helper flowcnn-capture was not found next to the workbench or in ../lib/flowcnn/, so the workbench will capture itself and then needs the capture rights (root, or cap_net_raw,cap_net_admin on the workbench).</source>
            <translation>캡처 도우미 flowcnn-capture를 워크벤치 옆이나 ../lib/flowcnn/에서 찾지 못했으므로 워크벤치가 직접 캡처하며, 이때 캡처 권한(root 또는 워크벤치의 cap_net_raw,cap_net_admin)이 필요합니다.</translation>
        </message>
        <message>
            <source>&amp;Interface:</source>
            <translation>인터페이스(&amp;I):</translation>
        </message>
        <message>
            <source>BPF filter, e.g. tcp port 443</source>
            <translation>BPF 필터, 예: tcp port 443</translation>
        </message>
        <message>
            <source>Capture filter</source>
            <translation>캡처 필터</translation>
        </message>
        <message>
            <source>&amp;Filter:</source>
            <translation>필터(&amp;F):</translation>
        </message>
        <message>
            <source>optional: label every flow</source>
            <translation>선택 사항: 모든 플로우에 레이블 지정</translation>
        </message>
        <message>
            <source>&amp;Label:</source>
            <translation>레이블(&amp;L):</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>시작(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::LiveCaptureJob</name>
        <message>
            <source>Live capture</source>
            <translation>실시간 캡처</translation>
        </message>
        <message>
            <source>(the capture helper flowcnn-capture was not found, so the workbench captured itself and needs the capture rights)</source>
            <translation>(캡처 도우미 flowcnn-capture를 찾지 못해 워크벤치가 직접 캡처했으므로 워크벤치에 캡처 권한이 필요합니다)</translation>
        </message>
        <message>
            <source>Captured %1 frames on %2: %3 flows imported</source>
            <translation>%2에서 프레임 %1개를 캡처했습니다: 플로우 %3개를 가져왔습니다</translation>
        </message>
        <message>
            <source>cannot run the capture helper %1: %2. If it is restricted to the 'flowcnn-capture' group, join that group and log in again.</source>
            <translation>캡처 도우미 %1을(를) 실행할 수 없습니다: %2. 'flowcnn-capture' 그룹으로 제한되어 있다면 그 그룹에 가입한 뒤 다시 로그인하십시오.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n frame(s)</source>
            <translation>
                <numerusform>%1: 프레임 %n개</numerusform>
            </translation>
        </message>
        <message>
            <source>the capture helper %1 stopped unexpectedly (%2)</source>
            <translation>캡처 도우미 %1이(가) 예기치 않게 종료되었습니다 (%2)</translation>
        </message>
        <message>
            <source>live capture on %1 is not permitted</source>
            <translation>%1에서 실시간 캡처가 허용되지 않습니다</translation>
        </message>
        <message>
            <source>the capture helper %1 failed (exit code %2)</source>
            <translation>캡처 도우미 %1이(가) 실패했습니다 (종료 코드 %2)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::MainWindow</name>
        <message>
            <source>Sorting and filtering flows</source>
            <translation>플로우 정렬 및 필터링 중</translation>
        </message>
        <message>
            <source>Flow %1 is not in the table</source>
            <translation>플로우 %1이(가) 표에 없습니다</translation>
        </message>
        <message>
            <source>A job is running</source>
            <translation>작업이 실행 중입니다</translation>
        </message>
        <message>
            <source>%1 is still running. Stop it and quit? What it has written so far is kept.</source>
            <translation>%1 작업이 아직 실행 중입니다. 중지하고 종료할까요? 지금까지 저장된 내용은 유지됩니다.</translation>
        </message>
        <message>
            <source>No project</source>
            <translation>프로젝트 없음</translation>
        </message>
        <message>
            <source>%1 flows · %2 shown</source>
            <translation>플로우 %1개 · %2개 표시</translation>
        </message>
        <message>
            <source>FlowCNN Workbench</source>
            <translation>FlowCNN 워크벤치</translation>
        </message>
        <message>
            <source>(unsaved)</source>
            <translation>(저장 안 됨)</translation>
        </message>
        <message>
            <source>A job is running; wait for it or stop it first.</source>
            <translation>작업이 실행 중입니다. 끝날 때까지 기다리거나 먼저 중지하세요.</translation>
        </message>
        <message>
            <source>New Project</source>
            <translation>새 프로젝트</translation>
        </message>
        <message>
            <source>Cannot open %1: %2</source>
            <translation>%1을(를) 열 수 없습니다: %2</translation>
        </message>
        <message>
            <source>Open Project</source>
            <translation>프로젝트 열기</translation>
        </message>
        <message>
            <source>Cannot open %1:
%2</source>
            <translation>%1을(를) 열 수 없습니다:
%2</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>%1을(를) 열었습니다</translation>
        </message>
        <message>
            <source>%1 does not exist</source>
            <translation>%1이(가) 존재하지 않습니다</translation>
        </message>
        <message>
            <source>%1 is not a project or a capture this program reads (pcap, pcapng, Network Monitor .cap)</source>
            <translation>%1은(는) 이 프로그램이 읽을 수 있는 프로젝트나 캡처(pcap, pcapng, Network Monitor .cap)가 아닙니다</translation>
        </message>
        <message>
            <source>Flow %1 carries no payload, so it has no image.</source>
            <translation>플로우 %1에는 페이로드가 없어 이미지가 없습니다.</translation>
        </message>
        <message>
            <source>Flow %1: %2 payload bytes%3%4</source>
            <translation>플로우 %1: 페이로드 %2 바이트%3%4</translation>
        </message>
        <message>
            <source>label %1</source>
            <translation>레이블 %1</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <source>Recent &amp;Files</source>
            <translation>최근 파일(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Capture</source>
            <translation>캡처(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Dataset</source>
            <translation>데이터셋(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Train</source>
            <translation>학습(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Grid Search</source>
            <translation>그리드 탐색(&amp;G)</translation>
        </message>
        <message>
            <source>C&amp;lassify</source>
            <translation>분류(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>언어(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;New Project...</source>
            <translation>새 프로젝트(&amp;N)...</translation>
        </message>
        <message>
            <source>&amp;Open Project...</source>
            <translation>프로젝트 열기(&amp;O)...</translation>
        </message>
        <message>
            <source>Save Project &amp;As...</source>
            <translation>다른 이름으로 프로젝트 저장(&amp;A)...</translation>
        </message>
        <message>
            <source>&amp;Close Project</source>
            <translation>프로젝트 닫기(&amp;C)</translation>
        </message>
        <message>
            <source>Open &amp;Capture...</source>
            <translation>캡처 열기(&amp;C)...</translation>
        </message>
        <message>
            <source>&amp;Import Folder (one sub-folder per class)...</source>
            <translation>폴더 가져오기(&amp;I) (클래스별 하위 폴더)...</translation>
        </message>
        <message>
            <source>&amp;Export Report...</source>
            <translation>보고서 내보내기(&amp;E)...</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>종료(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Live Capture...</source>
            <translation>실시간 캡처(&amp;L)...</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>중지(&amp;S)</translation>
        </message>
        <message>
            <source>Stop the running job</source>
            <translation>실행 중인 작업 중지</translation>
        </message>
        <message>
            <source>&amp;Make Split...</source>
            <translation>분할 만들기(&amp;M)...</translation>
        </message>
        <message>
            <source>Label Flows from &amp;CSV File...</source>
            <translation>CSV 파일로 플로우 레이블 달기(&amp;C)...</translation>
        </message>
        <message>
            <source>Per-flow labels (nDPI's labels.csv, Zeek's conn.log as CSV, a spreadsheet), joined on capture name, protocol and endpoints</source>
            <translation>플로우별 레이블(nDPI의 labels.csv, CSV로 된 Zeek conn.log, 스프레드시트)을 캡처 이름, 프로토콜, 엔드포인트로 연결합니다</translation>
        </message>
        <message>
            <source>Label Flows with &amp;nDPI</source>
            <translation>nDPI로 플로우 레이블 달기(&amp;N)</translation>
        </message>
        <message>
            <source>Read every capture again with nDPI and label each flow with its verdict</source>
            <translation>모든 캡처를 nDPI로 다시 읽고 각 플로우에 판정 결과를 레이블로 답니다</translation>
        </message>
        <message>
            <source>&amp;Start Training...</source>
            <translation>학습 시작(&amp;S)...</translation>
        </message>
        <message>
            <source>&amp;Cancel Training</source>
            <translation>학습 취소(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Start Grid Search...</source>
            <translation>그리드 탐색 시작(&amp;S)...</translation>
        </message>
        <message>
            <source>&amp;Pause (Cancel) Search</source>
            <translation>탐색 일시 중지(취소)(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Resume Search</source>
            <translation>탐색 재개(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Classify a Capture...</source>
            <translation>캡처 분류(&amp;C)...</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>새로 고침(&amp;R)</translation>
        </message>
        <message>
            <source>System Language</source>
            <translation>시스템 언어</translation>
        </message>
        <message>
            <source>&amp;About FlowCNN Workbench</source>
            <translation>FlowCNN 워크벤치 정보(&amp;A)</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Qt 정보(&amp;Q)</translation>
        </message>
        <message>
            <source>Main Toolbar</source>
            <translation>기본 도구 모음</translation>
        </message>
        <message>
            <source>Display filter, e.g. tcp port 443 host google (Enter applies)</source>
            <translation>표시 필터, 예: tcp port 443 host google (Enter로 적용)</translation>
        </message>
        <message>
            <source>Display filter</source>
            <translation>표시 필터</translation>
        </message>
        <message>
            <source>Flow table</source>
            <translation>플로우 표</translation>
        </message>
        <message>
            <source>Payload image</source>
            <translation>페이로드 이미지</translation>
        </message>
        <message>
            <source>Payload bytes</source>
            <translation>페이로드 바이트</translation>
        </message>
        <message>
            <source>This build has no model engine (LibTorch).</source>
            <translation>이 빌드에는 모델 엔진(LibTorch)이 없습니다.</translation>
        </message>
        <message>
            <source>FlowCNN projects (*.flowcnn);;All files (*)</source>
            <translation>FlowCNN 프로젝트 (*.flowcnn);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Save Project As</source>
            <translation>다른 이름으로 프로젝트 저장</translation>
        </message>
        <message>
            <source>Open Capture</source>
            <translation>캡처 열기</translation>
        </message>
        <message>
            <source>Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)</source>
            <translation>캡처 (*.pcap *.pcapng *.cap *.pcap.gz);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Import Folder (one sub-folder per class)</source>
            <translation>폴더 가져오기 (클래스별 하위 폴더)</translation>
        </message>
        <message>
            <source>not built in</source>
            <translation>포함되지 않음</translation>
        </message>
        <message>
            <source>built in</source>
            <translation>포함됨</translation>
        </message>
        <message>
            <source>About FlowCNN Workbench</source>
            <translation>FlowCNN 워크벤치 정보</translation>
        </message>
        <message>
            <source>&lt;h3&gt;FlowCNN Workbench %1&lt;/h3&gt;&lt;p&gt;Classifies network traffic with a convolutional neural network over 28x28 payload images (Ji et al., J-KICS 2019).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libpcap&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation>&lt;h3&gt;FlowCNN 워크벤치 %1&lt;/h3&gt;&lt;p&gt;28x28 페이로드 이미지에 대한 합성곱 신경망으로 네트워크 트래픽을 분류합니다 (Ji 외, 한국통신학회논문지 2019).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libpcap&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
        </message>
        <message numerus="yes">
            <source>Set &amp;Label of %n Flow(s)...</source>
            <translation>
                <numerusform>플로우 %n개의 레이블 지정(&amp;L)...</numerusform>
            </translation>
        </message>
        <message>
            <source>Set Label</source>
            <translation>레이블 지정</translation>
        </message>
        <message>
            <source>Label:</source>
            <translation>레이블:</translation>
        </message>
        <message>
            <source>&amp;Clear Label</source>
            <translation>레이블 지우기(&amp;C)</translation>
        </message>
        <message numerus="yes">
            <source>Cleared the label of %n flow(s)</source>
            <translation>
                <numerusform>플로우 %n개의 레이블을 지웠습니다</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Labelled %n flow(s) %1</source>
            <translation>
                <numerusform>플로우 %n개에 레이블 %1을(를) 지정했습니다</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is running: the drop was refused. Try again when it has finished.</source>
            <translation>%1 작업이 실행 중이라 끌어 놓기를 거부했습니다. 작업이 끝난 뒤 다시 시도하세요.</translation>
        </message>
        <message>
            <source>Not a capture, folder or project (skipped): %1</source>
            <translation>캡처, 폴더, 프로젝트가 아닙니다 (건너뜀): %1</translation>
        </message>
        <message>
            <source>Drop one project on its own, or captures and folders to import.</source>
            <translation>프로젝트는 하나만 끌어 놓거나, 가져올 캡처와 폴더를 끌어 놓으세요.</translation>
        </message>
        <message>
            <source>To classify with a model, use Classify &gt; Classify a Capture.</source>
            <translation>모델로 분류하려면 분류 &gt; 캡처 분류를 사용하세요.</translation>
        </message>
        <message>
            <source>Unsupported file</source>
            <translation>지원하지 않는 파일</translation>
        </message>
        <message>
            <source>%1 is running; wait for it or stop it first.</source>
            <translation>%1 작업이 실행 중입니다. 끝날 때까지 기다리거나 먼저 중지하세요.</translation>
        </message>
        <message>
            <source>%1 stopped. </source>
            <translation>%1 중지됨. </translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 실패: %2</translation>
        </message>
        <message>
            <source>%1 is running; the files were not imported.</source>
            <translation>%1 작업이 실행 중이어서 파일을 가져오지 않았습니다.</translation>
        </message>
        <message>
            <source>Live Capture</source>
            <translation>실시간 캡처</translation>
        </message>
        <message>
            <source>Grid search: %1 of %2 trials, best %3</source>
            <translation>그리드 탐색: 시행 %2개 중 %1개, 최고 %3</translation>
        </message>
        <message>
            <source>%1 is running; the saliency map waits until it ends.</source>
            <translation>%1 작업이 실행 중입니다. 중요도 지도는 그 작업이 끝난 뒤에 계산합니다.</translation>
        </message>
        <message>
            <source>This build has no model engine: saliency maps need LibTorch.</source>
            <translation>이 빌드에는 모델 엔진이 없습니다: 중요도 지도에는 LibTorch가 필요합니다.</translation>
        </message>
        <message>
            <source>Label Flows from CSV File</source>
            <translation>CSV 파일로 플로우 레이블 달기</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
            <translation>CSV 파일 (*.csv *.tsv *.txt);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Label Flows with nDPI</source>
            <translation>nDPI로 플로우 레이블 달기</translation>
        </message>
        <message>
            <source>nDPI reads every capture of the project again and labels each flow it recognises from the payload. Keep the labels flows already have?</source>
            <translation>nDPI가 프로젝트의 모든 캡처를 다시 읽고 페이로드로 알아본 플로우마다 레이블을 답니다. 이미 있는 레이블은 유지할까요?</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Make a dataset split first (Dataset &gt; Make Split).</source>
            <translation>먼저 데이터셋 분할을 만드세요 (데이터셋 &gt; 분할 만들기).</translation>
        </message>
        <message>
            <source>Grid Search</source>
            <translation>그리드 탐색</translation>
        </message>
        <message>
            <source>%1: %2 (%3, %4 trials)</source>
            <translation>%1: %2 (%3, 시행 %4개)</translation>
        </message>
        <message>
            <source>No unfinished grid search to resume.</source>
            <translation>재개할 미완료 그리드 탐색이 없습니다.</translation>
        </message>
        <message>
            <source>Resume Search</source>
            <translation>탐색 재개</translation>
        </message>
        <message>
            <source>Search:</source>
            <translation>탐색:</translation>
        </message>
        <message>
            <source>Export Report</source>
            <translation>보고서 내보내기</translation>
        </message>
        <message>
            <source>HTML (*.html);;PDF (*.pdf);;CSV (*.csv)</source>
            <translation>HTML (*.html);;PDF (*.pdf);;CSV (*.csv)</translation>
        </message>
        <message>
            <source>There is no run to report on yet.</source>
            <translation>아직 보고할 학습 실행이 없습니다.</translation>
        </message>
        <message>
            <source>%1 is running; export the report when it has finished.</source>
            <translation>%1 작업이 실행 중입니다. 끝난 뒤 보고서를 내보내세요.</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>학습 곡선</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>혼동 행렬</translation>
        </message>
        <message>
            <source>Sample payload images per class</source>
            <translation>클래스별 페이로드 이미지 예시</translation>
        </message>
        <message>
            <source>Flows per predicted class</source>
            <translation>예측 클래스별 플로우 수</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::PayloadImageView</name>
        <message>
            <source>Payload image</source>
            <translation>페이로드 이미지</translation>
        </message>
        <message>
            <source>The flow's first 784 payload bytes as a 28 by 28 grayscale image</source>
            <translation>플로우의 첫 784 페이로드 바이트를 28×28 회색조 이미지로 표시</translation>
        </message>
        <message>
            <source>No payload image</source>
            <translation>페이로드 이미지 없음</translation>
        </message>
        <message>
            <source>Byte %1 (row %2, column %3): 0x%4 = %5</source>
            <translation>바이트 %1 (행 %2, 열 %3): 0x%4 = %5</translation>
        </message>
        <message>
            <source>Saliency %1</source>
            <translation>중요도 %1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::PerClassMetricsModel</name>
        <message>
            <source>Macro average</source>
            <translation>매크로 평균</translation>
        </message>
        <message>
            <source>Weighted average</source>
            <translation>가중 평균</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>Precision (%)</source>
            <translation>정밀도 (%)</translation>
        </message>
        <message>
            <source>Recall (%)</source>
            <translation>재현율 (%)</translation>
        </message>
        <message>
            <source>F1 (%)</source>
            <translation>F1 (%)</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>지원 수</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ProgressFrame</name>
        <message>
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <source>Stop the running job</source>
            <translation>실행 중인 작업 중지</translation>
        </message>
        <message>
            <source>Job progress</source>
            <translation>작업 진행률</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>%1-NN %2 (nearest training flows)</source>
            <translation>%1-NN %2 (가장 가까운 학습 플로우)</translation>
        </message>
        <message>
            <source>gradient-boosted trees (%1 rounds, depth %2) over flow features</source>
            <translation>플로우 특징에 대한 그래디언트 부스팅 트리 (%1 라운드, 깊이 %2)</translation>
        </message>
        <message>
            <source>FlowCNN run %1%2</source>
            <translation>FlowCNN 실행 %1%2</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>실행</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>학습 정확도</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>학습 손실</translation>
        </message>
        <message>
            <source>Validation loss</source>
            <translation>검증 손실</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>시간</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1초</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>시작</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>종료</translation>
        </message>
        <message>
            <source>Grid search</source>
            <translation>그리드 탐색</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>오류</translation>
        </message>
        <message>
            <source>Hyper-parameters</source>
            <translation>하이퍼파라미터</translation>
        </message>
        <message>
            <source>Parameter</source>
            <translation>파라미터</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>값</translation>
        </message>
        <message>
            <source>Training options</source>
            <translation>학습 옵션</translation>
        </message>
        <message>
            <source>Option</source>
            <translation>옵션</translation>
        </message>
        <message>
            <source>Epoch</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Train loss</source>
            <translation>학습 손실</translation>
        </message>
        <message>
            <source>Train acc.</source>
            <translation>학습 정확도</translation>
        </message>
        <message>
            <source>Val. loss</source>
            <translation>검증 손실</translation>
        </message>
        <message>
            <source>Val. acc.</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Images/s</source>
            <translation>이미지/초</translation>
        </message>
        <message>
            <source>Seconds</source>
            <translation>초</translation>
        </message>
        <message>
            <source>Evaluated split</source>
            <translation>평가한 분할</translation>
        </message>
        <message>
            <source>Accuracy (%1)</source>
            <translation>정확도 (%1)</translation>
        </message>
        <message>
            <source>Macro F1 (%1)</source>
            <translation>매크로 F1 (%1)</translation>
        </message>
        <message>
            <source>Per-class metrics (%1 split)</source>
            <translation>클래스별 지표 (%1 분할)</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>정밀도</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>재현율</translation>
        </message>
        <message>
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>지원 수</translation>
        </message>
        <message>
            <source>Confusion matrix (%1 split; rows: true class, columns: predicted)</source>
            <translation>혼동 행렬 (%1 분할; 행: 실제 클래스, 열: 예측)</translation>
        </message>
        <message>
            <source>FlowCNN classification %1</source>
            <translation>FlowCNN 분류 %1</translation>
        </message>
        <message>
            <source>Classification</source>
            <translation>분류</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>캡처</translation>
        </message>
        <message>
            <source>Capture file</source>
            <translation>캡처 파일</translation>
        </message>
        <message>
            <source>model file</source>
            <translation>모델 파일</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>임계값</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>생성</translation>
        </message>
        <message>
            <source>Flows per predicted class</source>
            <translation>예측 클래스별 플로우 수</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>플로우</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>비율</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>플로우</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>클라이언트</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>서버</translation>
        </message>
        <message>
            <source>SNI / Host</source>
            <translation>SNI / 호스트</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>레이블</translation>
        </message>
        <message>
            <source>Predicted</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>신뢰도</translation>
        </message>
        <message>
            <source>Top 3</source>
            <translation>상위 3개</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>요약</translation>
        </message>
        <message>
            <source>Written by FlowCNN Workbench</source>
            <translation>FlowCNN 워크벤치로 작성됨</translation>
        </message>
        <message>
            <source>Cannot write %1</source>
            <translation>%1을(를) 쓸 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::RecentFiles</name>
        <message>
            <source>(missing)</source>
            <translation>(없음)</translation>
        </message>
        <message>
            <source>%1 no longer exists</source>
            <translation>%1이(가) 더 이상 존재하지 않습니다</translation>
        </message>
        <message>
            <source>No recent files</source>
            <translation>최근 파일 없음</translation>
        </message>
        <message>
            <source>&amp;Clear Recent Files</source>
            <translation>최근 파일 지우기(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ReportJob</name>
        <message>
            <source>Writing report</source>
            <translation>보고서 작성 중</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>%1을(를) 쓸 수 없습니다: %2</translation>
        </message>
        <message>
            <source>Report written to %1</source>
            <translation>보고서를 %1에 저장했습니다</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SearchDialog</name>
        <message>
            <source>Start a Grid Search</source>
            <translation>그리드 탐색 시작</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>&amp;Dataset:</source>
            <translation>데이터셋(&amp;D):</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>선택 사항</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>이름(&amp;N):</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>그리드</translation>
        </message>
        <message>
            <source>paper (1440 combinations), or e.g. conv=relu,leaky_relu kernel=5,7 padding=both,conv-only fc=1024</source>
            <translation>paper (1440개 조합), 또는 예: conv=relu,leaky_relu kernel=5,7 padding=both,conv-only fc=1024</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>그리드(&amp;G):</translation>
        </message>
        <message>
            <source>Exhaustive (every combination, full budget)</source>
            <translation>전수 탐색 (모든 조합, 전체 예산)</translation>
        </message>
        <message>
            <source>Successive halving (prune the weaker)</source>
            <translation>연속 반감 (약한 조합 가지치기)</translation>
        </message>
        <message>
            <source>&amp;Mode:</source>
            <translation>방식(&amp;M):</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Training accuracy (the paper)</source>
            <translation>학습 정확도 (논문 방식)</translation>
        </message>
        <message>
            <source>&amp;Select by:</source>
            <translation>선택 기준(&amp;S):</translation>
        </message>
        <message>
            <source>Epochs per trial:</source>
            <translation>시행당 에포크:</translation>
        </message>
        <message>
            <source>Halving: first rung epochs:</source>
            <translation>반감: 첫 단계 에포크:</translation>
        </message>
        <message>
            <source>Halving: keep 1 in:</source>
            <translation>반감: 남길 비율 (1/N):</translation>
        </message>
        <message>
            <source>Parallel trials:</source>
            <translation>병렬 시행 수:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>시드:</translation>
        </message>
        <message>
            <source>&amp;Start Search</source>
            <translation>탐색 시작(&amp;S)</translation>
        </message>
        <message numerus="yes">
            <source>%n combination(s)</source>
            <translation>
                <numerusform>조합 %n개</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SearchDock</name>
        <message>
            <source>Grid Search</source>
            <translation>그리드 탐색</translation>
        </message>
        <message>
            <source>Grid search leaderboard</source>
            <translation>그리드 탐색 순위표</translation>
        </message>
        <message>
            <source>Best accuracy so far</source>
            <translation>현재까지 최고 정확도</translation>
        </message>
        <message>
            <source>Grid search</source>
            <translation>그리드 탐색</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>정확도</translation>
        </message>
        <message numerus="yes">
            <source>Search %1: %2 · %3 · %4 · %n trial(s)</source>
            <translation>
                <numerusform>탐색 %1: %2 · %3 · %4 · 시행 %n개</numerusform>
            </translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>학습 정확도</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::SearchJob</name>
        <message>
            <source>Grid search</source>
            <translation>그리드 탐색</translation>
        </message>
        <message>
            <source>Search %1 %2: %3 of %4 trials finished</source>
            <translation>탐색 %1 %2: 시행 %4개 중 %3개 완료</translation>
        </message>
        <message>
            <source>best run %1 (%2%)</source>
            <translation>최고 실행 %1 (%2%)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SplitDialog</name>
        <message>
            <source>Make a Dataset Split</source>
            <translation>데이터셋 분할 만들기</translation>
        </message>
        <message>
            <source>Dataset name</source>
            <translation>데이터셋 이름</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>이름(&amp;N):</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>%1 (%2 flows with an image)</source>
            <translation>%1 (이미지가 있는 플로우 %2개)</translation>
        </message>
        <message>
            <source>&amp;Classes:</source>
            <translation>클래스(&amp;C):</translation>
        </message>
        <message>
            <source>&amp;Make Split</source>
            <translation>분할 만들기(&amp;M)</translation>
        </message>
        <message>
            <source>Split sizes per class</source>
            <translation>클래스별 분할 크기</translation>
        </message>
        <message>
            <source>Counts (the paper: 1000 train / 300 validation)</source>
            <translation>개수 (논문: 학습 1000 / 검증 300)</translation>
        </message>
        <message>
            <source>Fractions</source>
            <translation>비율</translation>
        </message>
        <message>
            <source>Train:</source>
            <translation>학습:</translation>
        </message>
        <message>
            <source>Validation:</source>
            <translation>검증:</translation>
        </message>
        <message>
            <source>Test:</source>
            <translation>테스트:</translation>
        </message>
        <message>
            <source>Train fraction:</source>
            <translation>학습 비율:</translation>
        </message>
        <message>
            <source>Validation fraction:</source>
            <translation>검증 비율:</translation>
        </message>
        <message>
            <source>Test fraction:</source>
            <translation>테스트 비율:</translation>
        </message>
        <message>
            <source>Leaks</source>
            <translation>누수 방지</translation>
        </message>
        <message>
            <source>Keep each capture file on one side (split by capture)</source>
            <translation>캡처 파일마다 한쪽에만 두기 (캡처 단위 분할)</translation>
        </message>
        <message>
            <source>Keep identical images on one side</source>
            <translation>동일한 이미지는 한쪽에만 두기</translation>
        </message>
        <message>
            <source>Drop identical copies</source>
            <translation>동일한 사본 제외</translation>
        </message>
        <message>
            <source>Duplicates:</source>
            <translation>중복:</translation>
        </message>
        <message>
            <source>Leave out classes with fewer flows than:</source>
            <translation>플로우 수가 이보다 적은 클래스 제외:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>시드:</translation>
        </message>
        <message>
            <source>Images and training flows</source>
            <translation>이미지와 학습 플로우</translation>
        </message>
        <message>
            <source>Repeat the payload (the paper)</source>
            <translation>페이로드 반복 (논문)</translation>
        </message>
        <message>
            <source>Zeros after the payload</source>
            <translation>페이로드 뒤를 0으로 채움</translation>
        </message>
        <message>
            <source>&amp;Fill:</source>
            <translation>채우기(&amp;F):</translation>
        </message>
        <message>
            <source> bytes</source>
            <translation> 바이트</translation>
        </message>
        <message>
            <source>The first N payload bytes of each flow make its image (784: the paper)</source>
            <translation>각 플로우의 처음 N 페이로드 바이트로 이미지를 만듭니다 (784: 논문)</translation>
        </message>
        <message>
            <source>&amp;Payload kept:</source>
            <translation>유지할 페이로드(&amp;P):</translation>
        </message>
        <message>
            <source>Blank session fields</source>
            <translation>세션 필드 지우기</translation>
        </message>
        <message>
            <source>Zero the bytes that identify one session rather than the application (TLS randoms, session ids, key shares and tickets; HTTP cookies and dates; DNS ids; QUIC connection ids) before the images are made. Models trained on the dataset do the same when they classify.</source>
            <translation>응용이 아니라 한 세션을 식별하는 바이트(TLS 랜덤, 세션 ID, 키 공유와 티켓, HTTP 쿠키와 날짜, DNS ID, QUIC 연결 ID)를 이미지를 만들기 전에 0으로 지웁니다. 이 데이터셋으로 학습한 모델도 분류할 때 같은 처리를 합니다.</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>제한 없음</translation>
        </message>
        <message>
            <source>At most this many train flows of a class from one capture file; validation and test keep all</source>
            <translation>한 캡처 파일에서 클래스당 학습 플로우를 최대 이 수만큼 사용합니다. 검증과 테스트는 모두 유지합니다</translation>
        </message>
        <message>
            <source>Train flows per &amp;capture:</source>
            <translation>캡처당 학습 플로우(&amp;C):</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::TrainDialog</name>
        <message>
            <source>%1 (%2 train / %3 validation)</source>
            <translation>%1 (학습 %2 / 검증 %3)</translation>
        </message>
        <message>
            <source>Train a Model</source>
            <translation>모델 학습</translation>
        </message>
        <message>
            <source>&amp;Start Training</source>
            <translation>학습 시작(&amp;S)</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>데이터</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>&amp;Dataset:</source>
            <translation>데이터셋(&amp;D):</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>선택 사항</translation>
        </message>
        <message>
            <source>Run name</source>
            <translation>실행 이름</translation>
        </message>
        <message>
            <source>Run &amp;name:</source>
            <translation>실행 이름(&amp;N):</translation>
        </message>
        <message>
            <source>Convolutional network (the paper's)</source>
            <translation>합성곱 신경망 (논문 방식)</translation>
        </message>
        <message>
            <source>k-nearest neighbours on the bytes</source>
            <translation>바이트 기반 k-최근접 이웃</translation>
        </message>
        <message>
            <source>Gradient-boosted trees on flow features</source>
            <translation>플로우 특징에 대한 그래디언트 부스팅 트리</translation>
        </message>
        <message>
            <source>Model family</source>
            <translation>모델 종류</translation>
        </message>
        <message>
            <source>A k-NN model trains nothing: it keeps the train split's images and gives each flow the class of its nearest training flows. On captures it has not seen it often generalises better than the CNN (see Baselines). The trees read packet sizes, directions, gaps and protocol fields instead of the image; their prediction cost does not grow with the training set.</source>
            <translation>k-NN 모델은 학습하지 않습니다. 학습 분할의 이미지를 보관하고 각 플로우에 가장 가까운 학습 플로우의 클래스를 부여합니다. 처음 보는 캡처에서는 CNN보다 일반화가 잘 되는 경우가 많습니다(기준 모델 참조). 트리는 이미지 대신 패킷 크기, 방향, 간격과 프로토콜 필드를 읽으며, 예측 비용이 학습 집합의 크기에 따라 늘지 않습니다.</translation>
        </message>
        <message>
            <source>&amp;Model family:</source>
            <translation>모델 종류(&amp;M):</translation>
        </message>
        <message>
            <source>k-nearest neighbours</source>
            <translation>k-최근접 이웃</translation>
        </message>
        <message>
            <source>Neighbours</source>
            <translation>이웃 수</translation>
        </message>
        <message>
            <source>&amp;Neighbours (k):</source>
            <translation>이웃 수 k(&amp;N):</translation>
        </message>
        <message>
            <source>Hamming (bytes that differ)</source>
            <translation>해밍 (다른 바이트 수)</translation>
        </message>
        <message>
            <source>L1 (sum of byte differences)</source>
            <translation>L1 (바이트 차이의 합)</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>거리</translation>
        </message>
        <message>
            <source>&amp;Distance:</source>
            <translation>거리(&amp;D):</translation>
        </message>
        <message>
            <source>Gradient-boosted trees</source>
            <translation>그래디언트 부스팅 트리</translation>
        </message>
        <message>
            <source>Boosting rounds</source>
            <translation>부스팅 라운드</translation>
        </message>
        <message>
            <source>&amp;Rounds:</source>
            <translation>라운드(&amp;R):</translation>
        </message>
        <message>
            <source>Tree depth</source>
            <translation>트리 깊이</translation>
        </message>
        <message>
            <source>&amp;Depth:</source>
            <translation>깊이(&amp;D):</translation>
        </message>
        <message>
            <source>Weight the classes equally</source>
            <translation>클래스에 같은 가중치 부여</translation>
        </message>
        <message>
            <source>Off by default: on the nDPI captures every flow weighing alike cross-validated better.</source>
            <translation>기본값은 꺼짐: nDPI 캡처에서는 모든 플로우에 같은 가중치를 주는 편이 교차 검증에서 더 좋았습니다.</translation>
        </message>
        <message>
            <source>Model (paper Table 2)</source>
            <translation>모델 (논문 표 2)</translation>
        </message>
        <message>
            <source>Paper Model %1</source>
            <translation>논문 모델 %1</translation>
        </message>
        <message>
            <source>Custom</source>
            <translation>사용자 정의</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>프리셋</translation>
        </message>
        <message>
            <source>&amp;Preset:</source>
            <translation>프리셋(&amp;P):</translation>
        </message>
        <message>
            <source>Convolution activation:</source>
            <translation>합성곱 활성화 함수:</translation>
        </message>
        <message>
            <source>Fully connected activation:</source>
            <translation>완전연결 활성화 함수:</translation>
        </message>
        <message>
            <source>Filter size:</source>
            <translation>필터 크기:</translation>
        </message>
        <message>
            <source>Filters:</source>
            <translation>필터 수:</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>최대</translation>
        </message>
        <message>
            <source>Average</source>
            <translation>평균</translation>
        </message>
        <message>
            <source>Pooling:</source>
            <translation>풀링:</translation>
        </message>
        <message>
            <source>None</source>
            <translation>없음</translation>
        </message>
        <message>
            <source>Both</source>
            <translation>둘 다</translation>
        </message>
        <message>
            <source>Pooling only</source>
            <translation>풀링만</translation>
        </message>
        <message>
            <source>Convolution only</source>
            <translation>합성곱만</translation>
        </message>
        <message>
            <source>Padding:</source>
            <translation>패딩:</translation>
        </message>
        <message>
            <source>Fully connected neurons:</source>
            <translation>완전연결 뉴런 수:</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>SGD with momentum</source>
            <translation>모멘텀 SGD</translation>
        </message>
        <message>
            <source>Optimizer:</source>
            <translation>옵티마이저:</translation>
        </message>
        <message>
            <source>Learning rate:</source>
            <translation>학습률:</translation>
        </message>
        <message>
            <source>Constant (paper)</source>
            <translation>고정 (논문)</translation>
        </message>
        <message>
            <source>Cosine decay to 0</source>
            <translation>코사인 감쇠 (0까지)</translation>
        </message>
        <message>
            <source>Learning-rate schedule:</source>
            <translation>학습률 스케줄:</translation>
        </message>
        <message>
            <source>off</source>
            <translation>끔</translation>
        </message>
        <message>
            <source>Weight decay:</source>
            <translation>가중치 감쇠:</translation>
        </message>
        <message>
            <source>Label smoothing:</source>
            <translation>레이블 스무딩:</translation>
        </message>
        <message>
            <source>Batch size:</source>
            <translation>배치 크기:</translation>
        </message>
        <message>
            <source>Epochs:</source>
            <translation>에포크:</translation>
        </message>
        <message>
            <source>Early stopping patience:</source>
            <translation>조기 종료 인내 에포크:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>시드:</translation>
        </message>
        <message>
            <source>all cores</source>
            <translation>모든 코어</translation>
        </message>
        <message>
            <source>Threads:</source>
            <translation>스레드:</translation>
        </message>
        <message>
            <source>Add server-name rules from the train split</source>
            <translation>학습 분할의 서버 이름 규칙 추가</translation>
        </message>
        <message>
            <source>A flow whose TLS SNI or HTTP Host carried one class in at least 90% of 2 or more training flows gets that class; the other flows keep the model's answer. The rules are stored in the model; epoch accuracies stay the model's own.</source>
            <translation>TLS SNI 또는 HTTP Host가 2개 이상의 학습 플로 중 90% 이상에서 한 클래스였던 플로는 그 클래스를 받고, 나머지 플로는 모델의 답을 유지합니다. 규칙은 모델에 저장되며, 에포크 정확도는 모델 자체의 정확도입니다.</translation>
        </message>
        <message>
            <source>Server names</source>
            <translation>서버 이름</translation>
        </message>
        <message>
            <source>&amp;Build Model</source>
            <translation>모델 만들기(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::TrainJob</name>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Building a k-NN model</source>
            <translation>k-NN 모델 만드는 중</translation>
        </message>
        <message>
            <source>Building gradient-boosted trees</source>
            <translation>그래디언트 부스팅 트리 만드는 중</translation>
        </message>
        <message>
            <source>%1 stopped; run %2 kept as cancelled</source>
            <translation>%1 작성을 중지했습니다. 실행 %2은(는) 취소됨으로 유지됩니다</translation>
        </message>
        <message>
            <source>Run %1 (%2) built: validation accuracy %3%</source>
            <translation>실행 %1 (%2) 작성 완료: 검증 정확도 %3%</translation>
        </message>
        <message>
            <source>Run %1 (%2) built: training accuracy %3%</source>
            <translation>실행 %1 (%2) 작성 완료: 학습 정확도 %3%</translation>
        </message>
        <message>
            <source>%1-NN</source>
            <translation>%1-NN</translation>
        </message>
        <message>
            <source>gradient-boosted trees</source>
            <translation>그래디언트 부스팅 트리</translation>
        </message>
        <message numerus="yes">
            <source>Training stopped after %n epoch(s); run %1 kept</source>
            <translation>
                <numerusform>%n 에포크 후 학습을 중지했습니다. 실행 %1은(는) 유지됩니다</numerusform>
            </translation>
        </message>
        <message>
            <source>Run %1 finished: validation accuracy %2% (epoch %3)</source>
            <translation>실행 %1 완료: 검증 정확도 %2% (에포크 %3)</translation>
        </message>
        <message>
            <source>Run %1 finished: training accuracy %2%</source>
            <translation>실행 %1 완료: 학습 정확도 %2%</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::TrainingDock</name>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>실행</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>이름</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Train acc.</source>
            <translation>학습 정확도</translation>
        </message>
        <message>
            <source>Val. acc.</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>학습 곡선</translation>
        </message>
        <message>
            <source>Training runs</source>
            <translation>학습 실행 목록</translation>
        </message>
        <message>
            <source>run %1 %2</source>
            <translation>실행 %1 %2</translation>
        </message>
        <message>
            <source>run %1</source>
            <translation>실행 %1</translation>
        </message>
        <message>
            <source>training now</source>
            <translation>학습 중</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::TrainingPlot</name>
        <message>
            <source>&amp;Smoothing</source>
            <translation>스무딩(&amp;S)</translation>
        </message>
        <message>
            <source>Smoothing</source>
            <translation>스무딩</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>학습 곡선</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>정확도</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>시간</translation>
        </message>
        <message>
            <source>Horizontal axis</source>
            <translation>가로축</translation>
        </message>
        <message>
            <source>Epoch</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>Seconds</source>
            <translation>초</translation>
        </message>
        <message>
            <source>%1 train</source>
            <translation>%1 학습</translation>
        </message>
        <message>
            <source>%1 validation</source>
            <translation>%1 검증</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>FlowCNN Workbench: classify network traffic with a CNN over payload images</source>
            <translation>FlowCNN 워크벤치: 페이로드 이미지 기반 CNN으로 네트워크 트래픽을 분류합니다</translation>
        </message>
        <message>
            <source>A project or capture to open.</source>
            <translation>열 프로젝트 또는 캡처.</translation>
        </message>
        <message>
            <source>Save PNGs of the main views into DIR and quit.</source>
            <translation>주요 화면의 PNG를 DIR에 저장하고 종료합니다.</translation>
        </message>
        <message>
            <source>User interface language (en, ko).</source>
            <translation>사용자 인터페이스 언어 (en, ko).</translation>
        </message>
    </context>
</TS>
