<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>flowcnn::jobs::BaselineJob</name>
        <message>
            <source>Running baselines</source>
            <translation>Running baselines</translation>
        </message>
        <message>
            <source>Baselines on dataset %1: %2 rows, %3 flows of %4 captures cross-validated in %5 folds by capture</source>
            <translation>Baselines on dataset %1: %2 rows, %3 flows of %4 captures cross-validated in %5 folds by capture</translation>
        </message>
        <message>
            <source>Baselines on dataset %1: %2 rows, %3 train / %4 scored flows (%5 scored images also in train)</source>
            <translation>Baselines on dataset %1: %2 rows, %3 train / %4 scored flows (%5 scored images also in train)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::BaselineTableModel</name>
        <message>
            <source>k-NN model</source>
            <translation>k-NN model</translation>
        </message>
        <message>
            <source>trees model</source>
            <translation>trees model</translation>
        </message>
        <message>
            <source>CNN</source>
            <translation>CNN</translation>
        </message>
        <message>
            <source>baseline</source>
            <translation>baseline</translation>
        </message>
        <message>
            <source>masked</source>
            <translation>masked</translation>
        </message>
        <message>
            <source>plain</source>
            <translation>plain</translation>
        </message>
        <message>
            <source>%1: F1 of class %2</source>
            <translation>%1: F1 of class %2</translation>
        </message>
        <message>
            <source>Mean F1 over the classes with scored flows</source>
            <translation>Mean F1 over the classes with scored flows</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Server names</source>
            <translation>Server names</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message>
            <source>Macro-F1</source>
            <translation>Macro-F1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::BaselinesDock</name>
        <message>
            <source>Baselines</source>
            <translation>Baselines</translation>
        </message>
        <message>
            <source>Also with server names masked</source>
            <translation>Also with server names masked</translation>
        </message>
        <message>
            <source>Train and score every byte model again with the TLS SNI / HTTP Host bytes blanked</source>
            <translation>Train and score every byte model again with the TLS SNI / HTTP Host bytes blanked</translation>
        </message>
        <message>
            <source>Scored on the validation split</source>
            <translation>Scored on the validation split</translation>
        </message>
        <message>
            <source>%1 folds by capture</source>
            <translation>%1 folds by capture</translation>
        </message>
        <message>
            <source>Cross-validation by capture file: every flow is scored by models trained on the other folds' captures (0: train on the train split, score the validation split)</source>
            <translation>Cross-validation by capture file: every flow is scored by models trained on the other folds' captures (0: train on the train split, score the validation split)</translation>
        </message>
        <message>
            <source>Run baselines</source>
            <translation>Run baselines</translation>
        </message>
        <message>
            <source>k-nearest neighbour, logistic regression, name only and majority class, trained on the train split and scored on the validation split</source>
            <translation>k-nearest neighbour, logistic regression, name only and majority class, trained on the train split and scored on the validation split</translation>
        </message>
        <message>
            <source>Make a dataset first (Datasets dock).</source>
            <translation>Make a dataset first (Datasets dock).</translation>
        </message>
        <message>
            <source>Audit of this split: %1</source>
            <translation>Audit of this split: %1</translation>
        </message>
        <message>
            <source>k-NN run %1 (%2)</source>
            <translation>k-NN run %1 (%2)</translation>
        </message>
        <message>
            <source>trees run %1 (%2)</source>
            <translation>trees run %1 (%2)</translation>
        </message>
        <message>
            <source>CNN run %1 (%2)</source>
            <translation>CNN run %1 (%2)</translation>
        </message>
        <message>
            <source>No baselines run for this dataset yet.</source>
            <translation>No baselines run for this dataset yet.</translation>
        </message>
        <message>
            <source>Cross-validated by capture: %1 folds, all %2 flows, each scored by models that never saw its capture (the CNN runs' validation scores are not comparable and are hidden).</source>
            <translation>Cross-validated by capture: %1 folds, all %2 flows, each scored by models that never saw its capture (the CNN runs' validation scores are not comparable and are hidden).</translation>
        </message>
        <message>
            <source> From a single capture, so never learnable for an unseen one: %1.</source>
            <translation> From a single capture, so never learnable for an unseen one: %1.</translation>
        </message>
        <message>
            <source>Macro-F1: mean over the classes with validation flows.</source>
            <translation>Macro-F1: mean over the classes with validation flows.</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::BestSoFarPlot</name>
        <message>
            <source>Best value so far</source>
            <translation>Best value so far</translation>
        </message>
        <message>
            <source>Trial</source>
            <translation>Trial</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message>
            <source>Pruned or failed</source>
            <translation>Pruned or failed</translation>
        </message>
        <message>
            <source>Best so far</source>
            <translation>Best so far</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>Validation accuracy</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>Training accuracy</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ByteLink</name>
        <message>
            <source>Byte %1 (row %2, column %3): 0x%4 = %5</source>
            <translation>Byte %1 (row %2, column %3): 0x%4 = %5</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ClassCountChart</name>
        <message>
            <source>Flows per class</source>
            <translation>Flows per class</translation>
        </message>
        <message>
            <source>Labelled</source>
            <translation>Labelled</translation>
        </message>
        <message>
            <source>Predicted</source>
            <translation>Predicted</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>Flows</translation>
        </message>
        <message>
            <source>unlabelled</source>
            <translation>unlabelled</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ClassificationDock</name>
        <message>
            <source>Classification</source>
            <translation>Classification</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>Class</translation>
        </message>
        <message>
            <source>Labelled flows</source>
            <translation>Labelled flows</translation>
        </message>
        <message>
            <source>Predicted flows</source>
            <translation>Predicted flows</translation>
        </message>
        <message>
            <source>Flows per class</source>
            <translation>Flows per class</translation>
        </message>
        <message>
            <source>&amp;Unknown below:</source>
            <translation>&amp;Unknown below:</translation>
        </message>
        <message>
            <source>A flow whose most probable class has a lower confidence is called unknown. Changing it shows the effect on the stored classification without classifying again.</source>
            <translation>A flow whose most probable class has a lower confidence is called unknown. Changing it shows the effect on the stored classification without classifying again.</translation>
        </message>
        <message>
            <source>Unknown threshold</source>
            <translation>Unknown threshold</translation>
        </message>
        <message>
            <source>Labelled flows only</source>
            <translation>Labelled flows only</translation>
        </message>
        <message numerus="yes">
            <source>Classification %1 of %2 (%n flow(s))</source>
            <translation>
                <numerusform>Classification %1 of %2 (%n flow)</numerusform>
                <numerusform>Classification %1 of %2 (%n flows)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2 flows unknown (%3%)</source>
            <translation>%1 of %2 flows unknown (%3%)</translation>
        </message>
        <message>
            <source>Flows whose most probable class is below the threshold</source>
            <translation>Flows whose most probable class is below the threshold</translation>
        </message>
        <message>
            <source>%1 (model %2, %3)</source>
            <translation>%1 (model %2, %3)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ClassifyDialog</name>
        <message>
            <source>Classify a Capture</source>
            <translation>Classify a Capture</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Model file...</source>
            <translation>Model file...</translation>
        </message>
        <message>
            <source>&amp;Model:</source>
            <translation>&amp;Model:</translation>
        </message>
        <message>
            <source>a .flowcnn-model file</source>
            <translation>a .flowcnn-model file</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>Browse...</translation>
        </message>
        <message>
            <source>Model &amp;file:</source>
            <translation>Model &amp;file:</translation>
        </message>
        <message>
            <source>drop a capture here, or browse</source>
            <translation>drop a capture here, or browse</translation>
        </message>
        <message>
            <source>Capture to classify</source>
            <translation>Capture to classify</translation>
        </message>
        <message>
            <source>&amp;Capture:</source>
            <translation>&amp;Capture:</translation>
        </message>
        <message>
            <source>Flows predicted with less confidence are labelled "unknown".</source>
            <translation>Flows predicted with less confidence are labelled "unknown".</translation>
        </message>
        <message>
            <source>&amp;Threshold:</source>
            <translation>&amp;Threshold:</translation>
        </message>
        <message>
            <source>&amp;Classify</source>
            <translation>&amp;Classify</translation>
        </message>
        <message>
            <source>Model File</source>
            <translation>Model File</translation>
        </message>
        <message>
            <source>Models (*.flowcnn-model *.model);;All files (*)</source>
            <translation>Models (*.flowcnn-model *.model);;All files (*)</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>Capture</translation>
        </message>
        <message>
            <source>Captures (*.pcap *.pcapng *.cap);;All files (*)</source>
            <translation>Captures (*.pcap *.pcapng *.cap);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ClassifyJob</name>
        <message>
            <source>Classifying</source>
            <translation>Classifying</translation>
        </message>
        <message>
            <source>loading the model</source>
            <translation>loading the model</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n flow(s) classified</source>
            <translation>
                <numerusform>%1: %n flow classified</numerusform>
                <numerusform>%1: %n flows classified</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ConfusionMatrixWidget</name>
        <message>
            <source>&amp;Row-normalised</source>
            <translation>&amp;Row-normalised</translation>
        </message>
        <message>
            <source>Divide each row by its total: the diagonal shows each class's recall</source>
            <translation>Divide each row by its total: the diagonal shows each class's recall</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>Confusion matrix</translation>
        </message>
        <message>
            <source>Predicted class</source>
            <translation>Predicted class</translation>
        </message>
        <message>
            <source>True class</source>
            <translation>True class</translation>
        </message>
        <message>
            <source>Fraction of the true class</source>
            <translation>Fraction of the true class</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>Flows</translation>
        </message>
        <message>
            <source>True: %1
Predicted: %2
%3 flows (%4% of %1)</source>
            <translation>True: %1
Predicted: %2
%3 flows (%4% of %1)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::DatasetJob</name>
        <message>
            <source>Making dataset</source>
            <translation>Making dataset</translation>
        </message>
        <message>
            <source>splitting</source>
            <translation>splitting</translation>
        </message>
        <message>
            <source>auditing</source>
            <translation>auditing</translation>
        </message>
        <message>
            <source>Dataset "%1": %2 classes, %3 train / %4 validation / %5 test flows</source>
            <translation>Dataset "%1": %2 classes, %3 train / %4 validation / %5 test flows</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::DatasetsDock</name>
        <message>
            <source>Datasets</source>
            <translation>Datasets</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>Dataset</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>Classes</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>Train</translation>
        </message>
        <message>
            <source>Validation</source>
            <translation>Validation</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Test</translation>
        </message>
        <message>
            <source>Dataset audit</source>
            <translation>Dataset audit</translation>
        </message>
        <message>
            <source>%1 classes · %2 train · %3 validation · %4 test</source>
            <translation>%1 classes · %2 train · %3 validation · %4 test</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::EvaluationDock</name>
        <message>
            <source>Evaluation</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>Flow</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Confidence</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>Confusion matrix</translation>
        </message>
        <message>
            <source>Per-class metrics</source>
            <translation>Per-class metrics</translation>
        </message>
        <message>
            <source>Flows of the chosen cell</source>
            <translation>Flows of the chosen cell</translation>
        </message>
        <message>
            <source>Run %1 · %2 split · accuracy %3 · macro F1 %4</source>
            <translation>Run %1 · %2 split · accuracy %3 · macro F1 %4</translation>
        </message>
        <message numerus="yes">
            <source>%n flow(s) of class %1 predicted as %2</source>
            <translation>
                <numerusform>%n flow of class %1 predicted as %2</numerusform>
                <numerusform>%n flows of class %1 predicted as %2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ExplainBar</name>
        <message>
            <source>Saliency</source>
            <translation>Saliency</translation>
        </message>
        <message>
            <source>Colour the bytes the selected model's prediction rests on, in the image and the hex dump</source>
            <translation>Colour the bytes the selected model's prediction rests on, in the image and the hex dump</translation>
        </message>
        <message>
            <source>gradient</source>
            <translation>gradient</translation>
        </message>
        <message>
            <source>occlusion</source>
            <translation>occlusion</translation>
        </message>
        <message>
            <source>Gradient of the predicted class's score, or the drop in its probability when a 4x4 patch is blanked</source>
            <translation>Gradient of the predicted class's score, or the drop in its probability when a 4x4 patch is blanked</translation>
        </message>
        <message>
            <source>The trained run whose model is explained</source>
            <translation>The trained run whose model is explained</translation>
        </message>
        <message>
            <source>no trained model</source>
            <translation>no trained model</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ExplainJob</name>
        <message>
            <source>Explaining a prediction</source>
            <translation>Explaining a prediction</translation>
        </message>
        <message>
            <source>loading the model</source>
            <translation>loading the model</translation>
        </message>
        <message>
            <source>no flow with id %1</source>
            <translation>no flow with id %1</translation>
        </message>
        <message>
            <source>flow %1 has no payload to explain</source>
            <translation>flow %1 has no payload to explain</translation>
        </message>
        <message>
            <source>computing the saliency</source>
            <translation>computing the saliency</translation>
        </message>
        <message>
            <source>Flow %1: run %2 predicts %3 (%4); no single patch of bytes lowers that confidence (%5)</source>
            <translation>Flow %1: run %2 predicts %3 (%4); no single patch of bytes lowers that confidence (%5)</translation>
        </message>
        <message>
            <source>Flow %1: run %2 predicts %3 (%4); red marks the bytes the prediction rests on (%5)</source>
            <translation>Flow %1: run %2 predicts %3 (%4); red marks the bytes the prediction rests on (%5)</translation>
        </message>
        <message>
            <source>gradient</source>
            <translation>gradient</translation>
        </message>
        <message>
            <source>occlusion</source>
            <translation>occlusion</translation>
        </message>
        <message>
            <source>; nearest training flow %1 (%2, distance %3)</source>
            <translation>; nearest training flow %1 (%2, distance %3)</translation>
        </message>
    </context>
    <context>
        <name>ExportMenus</name>
        <message>
            <source>There is no table to export.</source>
            <translation>There is no table to export.</translation>
        </message>
        <message>
            <source>&amp;Copy Selected Rows</source>
            <translation>&amp;Copy Selected Rows</translation>
        </message>
        <message>
            <source>&amp;Copy All Rows</source>
            <translation>&amp;Copy All Rows</translation>
        </message>
        <message>
            <source>Copy as CS&amp;V</source>
            <translation>Copy as CS&amp;V</translation>
        </message>
        <message>
            <source>Copy as &amp;JSON</source>
            <translation>Copy as &amp;JSON</translation>
        </message>
        <message>
            <source>&amp;Export CSV...</source>
            <translation>&amp;Export CSV...</translation>
        </message>
        <message>
            <source>Export CSV</source>
            <translation>Export CSV</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>CSV files (*.csv);;All files (*)</translation>
        </message>
        <message>
            <source>Cannot write %1:
%2</source>
            <translation>Cannot write %1:
%2</translation>
        </message>
        <message>
            <source>&amp;Resize Columns to Contents</source>
            <translation>&amp;Resize Columns to Contents</translation>
        </message>
        <message>
            <source>Save Chart</source>
            <translation>Save Chart</translation>
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>Cannot write %1.</translation>
        </message>
        <message>
            <source>Save as &amp;PNG...</source>
            <translation>Save as &amp;PNG...</translation>
        </message>
        <message>
            <source>PNG images (*.png);;All files (*)</source>
            <translation>PNG images (*.png);;All files (*)</translation>
        </message>
        <message>
            <source>Save as P&amp;DF...</source>
            <translation>Save as P&amp;DF...</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf);;All files (*)</source>
            <translation>PDF documents (*.pdf);;All files (*)</translation>
        </message>
        <message>
            <source>Save Image as &amp;PNG...</source>
            <translation>Save Image as &amp;PNG...</translation>
        </message>
        <message>
            <source>Save Image</source>
            <translation>Save Image</translation>
        </message>
    </context>
    <context>
        <name>FlowFilter</name>
        <message>
            <source>'not' must be followed by a term</source>
            <translation>'not' must be followed by a term</translation>
        </message>
        <message>
            <source>'or' needs a term on each side</source>
            <translation>'or' needs a term on each side</translation>
        </message>
        <message>
            <source>'%1' needs a field name before '='</source>
            <translation>'%1' needs a field name before '='</translation>
        </message>
        <message>
            <source>missing closing quote</source>
            <translation>missing closing quote</translation>
        </message>
        <message>
            <source>'port' needs a number</source>
            <translation>'port' needs a number</translation>
        </message>
        <message>
            <source>'%1' is not a port (0-65535)</source>
            <translation>'%1' is not a port (0-65535)</translation>
        </message>
        <message>
            <source>'host' needs an address or a name</source>
            <translation>'host' needs an address or a name</translation>
        </message>
        <message>
            <source>'label' needs a value (label=none for unlabelled)</source>
            <translation>'label' needs a value (label=none for unlabelled)</translation>
        </message>
        <message>
            <source>'pred' needs a value (pred=none for unclassified)</source>
            <translation>'pred' needs a value (pred=none for unclassified)</translation>
        </message>
        <message>
            <source>'capture' needs a capture number</source>
            <translation>'capture' needs a capture number</translation>
        </message>
        <message>
            <source>'%1' is not a capture number</source>
            <translation>'%1' is not a capture number</translation>
        </message>
        <message>
            <source>unknown field '%1'</source>
            <translation>unknown field '%1'</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::FlowFilterBar</name>
        <message>
            <source>Filter flows, e.g. tcp port 443 host google label=Google</source>
            <translation>Filter flows, e.g. tcp port 443 host google label=Google</translation>
        </message>
        <message>
            <source>Flow filter</source>
            <translation>Flow filter</translation>
        </message>
        <message>
            <source>Press Enter to apply. Terms: tcp, udp, port N, host X, label=X, pred=X, capture=N, image, not, or, words.</source>
            <translation>Press Enter to apply. Terms: tcp, udp, port N, host X, label=X, pred=X, capture=N, image, not, or, words.</translation>
        </message>
        <message>
            <source>Invalid filter at character %1: %2</source>
            <translation>Invalid filter at character %1: %2</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::FlowTableModel</name>
        <message>
            <source>%1 flows · %2 shown</source>
            <translation>%1 flows · %2 shown</translation>
        </message>
        <message>
            <source>Could not write labels: %1</source>
            <translation>Could not write labels: %1</translation>
        </message>
        <message>
            <source>Client to server: %1 bytes
Server to client: %2 bytes</source>
            <translation>Client to server: %1 bytes
Server to client: %2 bytes</translation>
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
            <translation>No.</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>Capture</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>Protocol</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>First packet (UTC)</source>
            <translation>First packet (UTC)</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>Duration (s)</translation>
        </message>
        <message>
            <source>Packets (c→s / s→c)</source>
            <translation>Packets (c→s / s→c)</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>Bytes</translation>
        </message>
        <message>
            <source>Payload length</source>
            <translation>Payload length</translation>
        </message>
        <message>
            <source>SNI / Host</source>
            <translation>SNI / Host</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>Prediction</source>
            <translation>Prediction</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Confidence</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::HexView</name>
        <message>
            <source>Payload bytes</source>
            <translation>Payload bytes</translation>
        </message>
        <message>
            <source>Hexadecimal and ASCII dump of the payload image's bytes</source>
            <translation>Hexadecimal and ASCII dump of the payload image's bytes</translation>
        </message>
        <message>
            <source>No payload</source>
            <translation>No payload</translation>
        </message>
        <message>
            <source>Copy bytes</source>
            <translation>Copy bytes</translation>
        </message>
        <message>
            <source>Copy byte %1</source>
            <translation>Copy byte %1</translation>
        </message>
        <message>
            <source>Hexadecimal</source>
            <translation>Hexadecimal</translation>
        </message>
        <message>
            <source>Decimal</source>
            <translation>Decimal</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::ImageGallery</name>
        <message>
            <source>Payload images per class</source>
            <translation>Payload images per class</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ImportJob</name>
        <message>
            <source>Importing</source>
            <translation>Importing</translation>
        </message>
        <message>
            <source>%1 (%2 of %3)</source>
            <translation>%1 (%2 of %3)</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n flow(s)</source>
            <translation>
                <numerusform>Imported %n flow</numerusform>
                <numerusform>Imported %n flows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> from %n capture(s)</source>
            <translation>
                <numerusform> from %n capture</numerusform>
                <numerusform> from %n captures</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) failed</source>
            <translation>
                <numerusform>%n file failed</numerusform>
                <numerusform>%n files failed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::Job</name>
        <message>
            <source>Unknown error</source>
            <translation>Unknown error</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::LabelJob</name>
        <message>
            <source>Labelling from a CSV file</source>
            <translation>Labelling from a CSV file</translation>
        </message>
        <message>
            <source>Labelling with nDPI</source>
            <translation>Labelling with nDPI</translation>
        </message>
        <message>
            <source>reading %1</source>
            <translation>reading %1</translation>
        </message>
        <message>
            <source>labelling</source>
            <translation>labelling</translation>
        </message>
        <message>
            <source>Labelled %1 of %2 flows from %3 (%4 usable rows)</source>
            <translation>Labelled %1 of %2 flows from %3 (%4 usable rows)</translation>
        </message>
        <message>
            <source>nDPI labelled %1 flows in %2 captures (%3 changed)</source>
            <translation>nDPI labelled %1 flows in %2 captures (%3 changed)</translation>
        </message>
        <message>
            <source>; %1 captures could not be read again (file moved?)</source>
            <translation>; %1 captures could not be read again (file moved?)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::LeaderboardModel</name>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>running</source>
            <translation>running</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complete</translation>
        </message>
        <message>
            <source>pruned</source>
            <translation>pruned</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>failed</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>cancelled</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>Rank</translation>
        </message>
        <message>
            <source>Conv activation</source>
            <translation>Conv activation</translation>
        </message>
        <message>
            <source>FC activation</source>
            <translation>FC activation</translation>
        </message>
        <message>
            <source>Kernel</source>
            <translation>Kernel</translation>
        </message>
        <message>
            <source>Pooling</source>
            <translation>Pooling</translation>
        </message>
        <message>
            <source>Padding</source>
            <translation>Padding</translation>
        </message>
        <message>
            <source>FC units</source>
            <translation>FC units</translation>
        </message>
        <message>
            <source>Train acc. (%)</source>
            <translation>Train acc. (%)</translation>
        </message>
        <message>
            <source>Val. acc. (%)</source>
            <translation>Val. acc. (%)</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Epochs</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::LiveCaptureDialog</name>
        <message>
            <source>Live Capture</source>
            <translation>Live Capture</translation>
        </message>
        <message>
            <source>Interfaces</source>
            <translation>Interfaces</translation>
        </message>
        <message>
            <source>(down)</source>
            <translation>(down)</translation>
        </message>
        <message>
            <source>No interfaces can be captured on. Capturing usually needs root or the CAP_NET_RAW capability.</source>
            <translation>No interfaces can be captured on. Capturing usually needs root or the CAP_NET_RAW capability.</translation>
        </message>
        <message>
            <source>The capture helper flowcnn-capture was not found next to the workbench or in ../lib/flowcnn/, so the workbench will capture itself and then needs the capture rights (root, or cap_net_raw,cap_net_admin on the workbench).</source>
            <translation>The capture helper flowcnn-capture was not found next to the workbench or in ../lib/flowcnn/, so the workbench will capture itself and then needs the capture rights (root, or cap_net_raw,cap_net_admin on the workbench).</translation>
        </message>
        <message>
            <source>&amp;Interface:</source>
            <translation>&amp;Interface:</translation>
        </message>
        <message>
            <source>BPF filter, e.g. tcp port 443</source>
            <translation>BPF filter, e.g. tcp port 443</translation>
        </message>
        <message>
            <source>Capture filter</source>
            <translation>Capture filter</translation>
        </message>
        <message>
            <source>&amp;Filter:</source>
            <translation>&amp;Filter:</translation>
        </message>
        <message>
            <source>optional: label every flow</source>
            <translation>optional: label every flow</translation>
        </message>
        <message>
            <source>&amp;Label:</source>
            <translation>&amp;Label:</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Start</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::LiveCaptureJob</name>
        <message>
            <source>Live capture</source>
            <translation>Live capture</translation>
        </message>
        <message>
            <source>(the capture helper flowcnn-capture was not found, so the workbench captured itself and needs the capture rights)</source>
            <translation>(the capture helper flowcnn-capture was not found, so the workbench captured itself and needs the capture rights)</translation>
        </message>
        <message>
            <source>Captured %1 frames on %2: %3 flows imported</source>
            <translation>Captured %1 frames on %2: %3 flows imported</translation>
        </message>
        <message>
            <source>cannot run the capture helper %1: %2. If it is restricted to the 'flowcnn-capture' group, join that group and log in again.</source>
            <translation>cannot run the capture helper %1: %2. If it is restricted to the 'flowcnn-capture' group, join that group and log in again.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n frame(s)</source>
            <translation>
                <numerusform>%1: %n frame</numerusform>
                <numerusform>%1: %n frames</numerusform>
            </translation>
        </message>
        <message>
            <source>the capture helper %1 stopped unexpectedly (%2)</source>
            <translation>the capture helper %1 stopped unexpectedly (%2)</translation>
        </message>
        <message>
            <source>live capture on %1 is not permitted</source>
            <translation>live capture on %1 is not permitted</translation>
        </message>
        <message>
            <source>the capture helper %1 failed (exit code %2)</source>
            <translation>the capture helper %1 failed (exit code %2)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::MainWindow</name>
        <message>
            <source>Sorting and filtering flows</source>
            <translation>Sorting and filtering flows</translation>
        </message>
        <message>
            <source>Flow %1 is not in the table</source>
            <translation>Flow %1 is not in the table</translation>
        </message>
        <message>
            <source>A job is running</source>
            <translation>A job is running</translation>
        </message>
        <message>
            <source>%1 is still running. Stop it and quit? What it has written so far is kept.</source>
            <translation>%1 is still running. Stop it and quit? What it has written so far is kept.</translation>
        </message>
        <message>
            <source>No project</source>
            <translation>No project</translation>
        </message>
        <message>
            <source>%1 flows · %2 shown</source>
            <translation>%1 flows · %2 shown</translation>
        </message>
        <message>
            <source>FlowCNN Workbench</source>
            <translation>FlowCNN Workbench</translation>
        </message>
        <message>
            <source>(unsaved)</source>
            <translation>(unsaved)</translation>
        </message>
        <message>
            <source>A job is running; wait for it or stop it first.</source>
            <translation>A job is running; wait for it or stop it first.</translation>
        </message>
        <message>
            <source>New Project</source>
            <translation>New Project</translation>
        </message>
        <message>
            <source>Cannot open %1: %2</source>
            <translation>Cannot open %1: %2</translation>
        </message>
        <message>
            <source>Open Project</source>
            <translation>Open Project</translation>
        </message>
        <message>
            <source>Cannot open %1:
%2</source>
            <translation>Cannot open %1:
%2</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>Opened %1</translation>
        </message>
        <message>
            <source>%1 does not exist</source>
            <translation>%1 does not exist</translation>
        </message>
        <message>
            <source>%1 is not a project or a capture this program reads (pcap, pcapng, Network Monitor .cap)</source>
            <translation>%1 is not a project or a capture this program reads (pcap, pcapng, Network Monitor .cap)</translation>
        </message>
        <message>
            <source>Flow %1 carries no payload, so it has no image.</source>
            <translation>Flow %1 carries no payload, so it has no image.</translation>
        </message>
        <message>
            <source>Flow %1: %2 payload bytes%3%4</source>
            <translation>Flow %1: %2 payload bytes%3%4</translation>
        </message>
        <message>
            <source>label %1</source>
            <translation>label %1</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>Recent &amp;Files</source>
            <translation>Recent &amp;Files</translation>
        </message>
        <message>
            <source>&amp;Capture</source>
            <translation>&amp;Capture</translation>
        </message>
        <message>
            <source>&amp;Dataset</source>
            <translation>&amp;Dataset</translation>
        </message>
        <message>
            <source>&amp;Train</source>
            <translation>&amp;Train</translation>
        </message>
        <message>
            <source>&amp;Grid Search</source>
            <translation>&amp;Grid Search</translation>
        </message>
        <message>
            <source>C&amp;lassify</source>
            <translation>C&amp;lassify</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;New Project...</source>
            <translation>&amp;New Project...</translation>
        </message>
        <message>
            <source>&amp;Open Project...</source>
            <translation>&amp;Open Project...</translation>
        </message>
        <message>
            <source>Save Project &amp;As...</source>
            <translation>Save Project &amp;As...</translation>
        </message>
        <message>
            <source>&amp;Close Project</source>
            <translation>&amp;Close Project</translation>
        </message>
        <message>
            <source>Open &amp;Capture...</source>
            <translation>Open &amp;Capture...</translation>
        </message>
        <message>
            <source>&amp;Import Folder (one sub-folder per class)...</source>
            <translation>&amp;Import Folder (one sub-folder per class)...</translation>
        </message>
        <message>
            <source>&amp;Export Report...</source>
            <translation>&amp;Export Report...</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Live Capture...</source>
            <translation>&amp;Live Capture...</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Stop</translation>
        </message>
        <message>
            <source>Stop the running job</source>
            <translation>Stop the running job</translation>
        </message>
        <message>
            <source>&amp;Make Split...</source>
            <translation>&amp;Make Split...</translation>
        </message>
        <message>
            <source>Label Flows from &amp;CSV File...</source>
            <translation>Label Flows from &amp;CSV File...</translation>
        </message>
        <message>
            <source>Per-flow labels (nDPI's labels.csv, Zeek's conn.log as CSV, a spreadsheet), joined on capture name, protocol and endpoints</source>
            <translation>Per-flow labels (nDPI's labels.csv, Zeek's conn.log as CSV, a spreadsheet), joined on capture name, protocol and endpoints</translation>
        </message>
        <message>
            <source>Label Flows with &amp;nDPI</source>
            <translation>Label Flows with &amp;nDPI</translation>
        </message>
        <message>
            <source>Read every capture again with nDPI and label each flow with its verdict</source>
            <translation>Read every capture again with nDPI and label each flow with its verdict</translation>
        </message>
        <message>
            <source>&amp;Start Training...</source>
            <translation>&amp;Start Training...</translation>
        </message>
        <message>
            <source>&amp;Cancel Training</source>
            <translation>&amp;Cancel Training</translation>
        </message>
        <message>
            <source>&amp;Start Grid Search...</source>
            <translation>&amp;Start Grid Search...</translation>
        </message>
        <message>
            <source>&amp;Pause (Cancel) Search</source>
            <translation>&amp;Pause (Cancel) Search</translation>
        </message>
        <message>
            <source>&amp;Resume Search</source>
            <translation>&amp;Resume Search</translation>
        </message>
        <message>
            <source>&amp;Classify a Capture...</source>
            <translation>&amp;Classify a Capture...</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <source>System Language</source>
            <translation>System Language</translation>
        </message>
        <message>
            <source>&amp;About FlowCNN Workbench</source>
            <translation>&amp;About FlowCNN Workbench</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>About &amp;Qt</translation>
        </message>
        <message>
            <source>Main Toolbar</source>
            <translation>Main Toolbar</translation>
        </message>
        <message>
            <source>Display filter, e.g. tcp port 443 host google (Enter applies)</source>
            <translation>Display filter, e.g. tcp port 443 host google (Enter applies)</translation>
        </message>
        <message>
            <source>Display filter</source>
            <translation>Display filter</translation>
        </message>
        <message>
            <source>Flow table</source>
            <translation>Flow table</translation>
        </message>
        <message>
            <source>Payload image</source>
            <translation>Payload image</translation>
        </message>
        <message>
            <source>Payload bytes</source>
            <translation>Payload bytes</translation>
        </message>
        <message>
            <source>This build has no model engine (LibTorch).</source>
            <translation>This build has no model engine (LibTorch).</translation>
        </message>
        <message>
            <source>FlowCNN projects (*.flowcnn);;All files (*)</source>
            <translation>FlowCNN projects (*.flowcnn);;All files (*)</translation>
        </message>
        <message>
            <source>Save Project As</source>
            <translation>Save Project As</translation>
        </message>
        <message>
            <source>Open Capture</source>
            <translation>Open Capture</translation>
        </message>
        <message>
            <source>Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)</source>
            <translation>Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)</translation>
        </message>
        <message>
            <source>Import Folder (one sub-folder per class)</source>
            <translation>Import Folder (one sub-folder per class)</translation>
        </message>
        <message>
            <source>not built in</source>
            <translation>not built in</translation>
        </message>
        <message>
            <source>built in</source>
            <translation>built in</translation>
        </message>
        <message>
            <source>About FlowCNN Workbench</source>
            <translation>About FlowCNN Workbench</translation>
        </message>
        <message>
            <source>&lt;h3&gt;FlowCNN Workbench %1&lt;/h3&gt;&lt;p&gt;Classifies network traffic with a convolutional neural network over 28x28 payload images (Ji et al., J-KICS 2019).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libpcap&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation>&lt;h3&gt;FlowCNN Workbench %1&lt;/h3&gt;&lt;p&gt;Classifies network traffic with a convolutional neural network over 28x28 payload images (Ji et al., J-KICS 2019).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libpcap&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SQLite&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
        </message>
        <message numerus="yes">
            <source>Set &amp;Label of %n Flow(s)...</source>
            <translation>
                <numerusform>Set &amp;Label of %n Flow...</numerusform>
                <numerusform>Set &amp;Label of %n Flows...</numerusform>
            </translation>
        </message>
        <message>
            <source>Set Label</source>
            <translation>Set Label</translation>
        </message>
        <message>
            <source>Label:</source>
            <translation>Label:</translation>
        </message>
        <message>
            <source>&amp;Clear Label</source>
            <translation>&amp;Clear Label</translation>
        </message>
        <message numerus="yes">
            <source>Cleared the label of %n flow(s)</source>
            <translation>
                <numerusform>Cleared the label of %n flow</numerusform>
                <numerusform>Cleared the label of %n flows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Labelled %n flow(s) %1</source>
            <translation>
                <numerusform>Labelled %n flow %1</numerusform>
                <numerusform>Labelled %n flows %1</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is running: the drop was refused. Try again when it has finished.</source>
            <translation>%1 is running: the drop was refused. Try again when it has finished.</translation>
        </message>
        <message>
            <source>Not a capture, folder or project (skipped): %1</source>
            <translation>Not a capture, folder or project (skipped): %1</translation>
        </message>
        <message>
            <source>Drop one project on its own, or captures and folders to import.</source>
            <translation>Drop one project on its own, or captures and folders to import.</translation>
        </message>
        <message>
            <source>To classify with a model, use Classify &gt; Classify a Capture.</source>
            <translation>To classify with a model, use Classify &gt; Classify a Capture.</translation>
        </message>
        <message>
            <source>Unsupported file</source>
            <translation>Unsupported file</translation>
        </message>
        <message>
            <source>%1 is running; wait for it or stop it first.</source>
            <translation>%1 is running; wait for it or stop it first.</translation>
        </message>
        <message>
            <source>%1 stopped. </source>
            <translation>%1 stopped. </translation>
        </message>
        <message>
            <source>%1 failed: %2</source>
            <translation>%1 failed: %2</translation>
        </message>
        <message>
            <source>%1 is running; the files were not imported.</source>
            <translation>%1 is running; the files were not imported.</translation>
        </message>
        <message>
            <source>Live Capture</source>
            <translation>Live Capture</translation>
        </message>
        <message>
            <source>Grid search: %1 of %2 trials, best %3</source>
            <translation>Grid search: %1 of %2 trials, best %3</translation>
        </message>
        <message>
            <source>%1 is running; the saliency map waits until it ends.</source>
            <translation>%1 is running; the saliency map waits until it ends.</translation>
        </message>
        <message>
            <source>This build has no model engine: saliency maps need LibTorch.</source>
            <translation>This build has no model engine: saliency maps need LibTorch.</translation>
        </message>
        <message>
            <source>Label Flows from CSV File</source>
            <translation>Label Flows from CSV File</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
            <translation>CSV files (*.csv *.tsv *.txt);;All files (*)</translation>
        </message>
        <message>
            <source>Label Flows with nDPI</source>
            <translation>Label Flows with nDPI</translation>
        </message>
        <message>
            <source>nDPI reads every capture of the project again and labels each flow it recognises from the payload. Keep the labels flows already have?</source>
            <translation>nDPI reads every capture of the project again and labels each flow it recognises from the payload. Keep the labels flows already have?</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>Train</translation>
        </message>
        <message>
            <source>Make a dataset split first (Dataset &gt; Make Split).</source>
            <translation>Make a dataset split first (Dataset &gt; Make Split).</translation>
        </message>
        <message>
            <source>Grid Search</source>
            <translation>Grid Search</translation>
        </message>
        <message>
            <source>%1: %2 (%3, %4 trials)</source>
            <translation>%1: %2 (%3, %4 trials)</translation>
        </message>
        <message>
            <source>No unfinished grid search to resume.</source>
            <translation>No unfinished grid search to resume.</translation>
        </message>
        <message>
            <source>Resume Search</source>
            <translation>Resume Search</translation>
        </message>
        <message>
            <source>Search:</source>
            <translation>Search:</translation>
        </message>
        <message>
            <source>Export Report</source>
            <translation>Export Report</translation>
        </message>
        <message>
            <source>HTML (*.html);;PDF (*.pdf);;CSV (*.csv)</source>
            <translation>HTML (*.html);;PDF (*.pdf);;CSV (*.csv)</translation>
        </message>
        <message>
            <source>There is no run to report on yet.</source>
            <translation>There is no run to report on yet.</translation>
        </message>
        <message>
            <source>%1 is running; export the report when it has finished.</source>
            <translation>%1 is running; export the report when it has finished.</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>Training curves</translation>
        </message>
        <message>
            <source>Confusion matrix</source>
            <translation>Confusion matrix</translation>
        </message>
        <message>
            <source>Sample payload images per class</source>
            <translation>Sample payload images per class</translation>
        </message>
        <message>
            <source>Flows per predicted class</source>
            <translation>Flows per predicted class</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::PayloadImageView</name>
        <message>
            <source>Payload image</source>
            <translation>Payload image</translation>
        </message>
        <message>
            <source>The flow's first 784 payload bytes as a 28 by 28 grayscale image</source>
            <translation>The flow's first 784 payload bytes as a 28 by 28 grayscale image</translation>
        </message>
        <message>
            <source>No payload image</source>
            <translation>No payload image</translation>
        </message>
        <message>
            <source>Byte %1 (row %2, column %3): 0x%4 = %5</source>
            <translation>Byte %1 (row %2, column %3): 0x%4 = %5</translation>
        </message>
        <message>
            <source>Saliency %1</source>
            <translation>Saliency %1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::PerClassMetricsModel</name>
        <message>
            <source>Macro average</source>
            <translation>Macro average</translation>
        </message>
        <message>
            <source>Weighted average</source>
            <translation>Weighted average</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>Class</translation>
        </message>
        <message>
            <source>Precision (%)</source>
            <translation>Precision (%)</translation>
        </message>
        <message>
            <source>Recall (%)</source>
            <translation>Recall (%)</translation>
        </message>
        <message>
            <source>F1 (%)</source>
            <translation>F1 (%)</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>Support</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::ProgressFrame</name>
        <message>
            <source>Stop</source>
            <translation>Stop</translation>
        </message>
        <message>
            <source>Stop the running job</source>
            <translation>Stop the running job</translation>
        </message>
        <message>
            <source>Job progress</source>
            <translation>Job progress</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>%1-NN %2 (nearest training flows)</source>
            <translation>%1-NN %2 (nearest training flows)</translation>
        </message>
        <message>
            <source>gradient-boosted trees (%1 rounds, depth %2) over flow features</source>
            <translation>gradient-boosted trees (%1 rounds, depth %2) over flow features</translation>
        </message>
        <message>
            <source>FlowCNN run %1%2</source>
            <translation>FlowCNN run %1%2</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Run</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>Dataset</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Epochs</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>Training accuracy</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>Validation accuracy</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>Training loss</translation>
        </message>
        <message>
            <source>Validation loss</source>
            <translation>Validation loss</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Started</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>Finished</translation>
        </message>
        <message>
            <source>Grid search</source>
            <translation>Grid search</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Error</translation>
        </message>
        <message>
            <source>Hyper-parameters</source>
            <translation>Hyper-parameters</translation>
        </message>
        <message>
            <source>Parameter</source>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Training options</source>
            <translation>Training options</translation>
        </message>
        <message>
            <source>Option</source>
            <translation>Option</translation>
        </message>
        <message>
            <source>Epoch</source>
            <translation>Epoch</translation>
        </message>
        <message>
            <source>Train loss</source>
            <translation>Train loss</translation>
        </message>
        <message>
            <source>Train acc.</source>
            <translation>Train acc.</translation>
        </message>
        <message>
            <source>Val. loss</source>
            <translation>Val. loss</translation>
        </message>
        <message>
            <source>Val. acc.</source>
            <translation>Val. acc.</translation>
        </message>
        <message>
            <source>Images/s</source>
            <translation>Images/s</translation>
        </message>
        <message>
            <source>Seconds</source>
            <translation>Seconds</translation>
        </message>
        <message>
            <source>Evaluated split</source>
            <translation>Evaluated split</translation>
        </message>
        <message>
            <source>Accuracy (%1)</source>
            <translation>Accuracy (%1)</translation>
        </message>
        <message>
            <source>Macro F1 (%1)</source>
            <translation>Macro F1 (%1)</translation>
        </message>
        <message>
            <source>Per-class metrics (%1 split)</source>
            <translation>Per-class metrics (%1 split)</translation>
        </message>
        <message>
            <source>Class</source>
            <translation>Class</translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>Precision</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>Recall</translation>
        </message>
        <message>
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>Support</translation>
        </message>
        <message>
            <source>Confusion matrix (%1 split; rows: true class, columns: predicted)</source>
            <translation>Confusion matrix (%1 split; rows: true class, columns: predicted)</translation>
        </message>
        <message>
            <source>FlowCNN classification %1</source>
            <translation>FlowCNN classification %1</translation>
        </message>
        <message>
            <source>Classification</source>
            <translation>Classification</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>Capture</translation>
        </message>
        <message>
            <source>Capture file</source>
            <translation>Capture file</translation>
        </message>
        <message>
            <source>model file</source>
            <translation>model file</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>Threshold</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Flows per predicted class</source>
            <translation>Flows per predicted class</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>Flows</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>Share</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>Flow</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>SNI / Host</source>
            <translation>SNI / Host</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>Predicted</source>
            <translation>Predicted</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>Confidence</translation>
        </message>
        <message>
            <source>Top 3</source>
            <translation>Top 3</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Written by FlowCNN Workbench</source>
            <translation>Written by FlowCNN Workbench</translation>
        </message>
        <message>
            <source>Cannot write %1</source>
            <translation>Cannot write %1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::RecentFiles</name>
        <message>
            <source>(missing)</source>
            <translation>(missing)</translation>
        </message>
        <message>
            <source>%1 no longer exists</source>
            <translation>%1 no longer exists</translation>
        </message>
        <message>
            <source>No recent files</source>
            <translation>No recent files</translation>
        </message>
        <message>
            <source>&amp;Clear Recent Files</source>
            <translation>&amp;Clear Recent Files</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::ReportJob</name>
        <message>
            <source>Writing report</source>
            <translation>Writing report</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>Cannot write %1: %2</translation>
        </message>
        <message>
            <source>Report written to %1</source>
            <translation>Report written to %1</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SearchDialog</name>
        <message>
            <source>Start a Grid Search</source>
            <translation>Start a Grid Search</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>Dataset</translation>
        </message>
        <message>
            <source>&amp;Dataset:</source>
            <translation>&amp;Dataset:</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>Grid</translation>
        </message>
        <message>
            <source>paper (1440 combinations), or e.g. conv=relu,leaky_relu kernel=5,7 padding=both,conv-only fc=1024</source>
            <translation>paper (1440 combinations), or e.g. conv=relu,leaky_relu kernel=5,7 padding=both,conv-only fc=1024</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>&amp;Grid:</translation>
        </message>
        <message>
            <source>Exhaustive (every combination, full budget)</source>
            <translation>Exhaustive (every combination, full budget)</translation>
        </message>
        <message>
            <source>Successive halving (prune the weaker)</source>
            <translation>Successive halving (prune the weaker)</translation>
        </message>
        <message>
            <source>&amp;Mode:</source>
            <translation>&amp;Mode:</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>Validation accuracy</translation>
        </message>
        <message>
            <source>Training accuracy (the paper)</source>
            <translation>Training accuracy (the paper)</translation>
        </message>
        <message>
            <source>&amp;Select by:</source>
            <translation>&amp;Select by:</translation>
        </message>
        <message>
            <source>Epochs per trial:</source>
            <translation>Epochs per trial:</translation>
        </message>
        <message>
            <source>Halving: first rung epochs:</source>
            <translation>Halving: first rung epochs:</translation>
        </message>
        <message>
            <source>Halving: keep 1 in:</source>
            <translation>Halving: keep 1 in:</translation>
        </message>
        <message>
            <source>Parallel trials:</source>
            <translation>Parallel trials:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>Seed:</translation>
        </message>
        <message>
            <source>&amp;Start Search</source>
            <translation>&amp;Start Search</translation>
        </message>
        <message numerus="yes">
            <source>%n combination(s)</source>
            <translation>
                <numerusform>%n combination</numerusform>
                <numerusform>%n combinations</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SearchDock</name>
        <message>
            <source>Grid Search</source>
            <translation>Grid Search</translation>
        </message>
        <message>
            <source>Grid search leaderboard</source>
            <translation>Grid search leaderboard</translation>
        </message>
        <message>
            <source>Best accuracy so far</source>
            <translation>Best accuracy so far</translation>
        </message>
        <message>
            <source>Grid search</source>
            <translation>Grid search</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message numerus="yes">
            <source>Search %1: %2 · %3 · %4 · %n trial(s)</source>
            <translation>
                <numerusform>Search %1: %2 · %3 · %4 · %n trial</numerusform>
                <numerusform>Search %1: %2 · %3 · %4 · %n trials</numerusform>
            </translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>Validation accuracy</translation>
        </message>
        <message>
            <source>Training accuracy</source>
            <translation>Training accuracy</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::SearchJob</name>
        <message>
            <source>Grid search</source>
            <translation>Grid search</translation>
        </message>
        <message>
            <source>Search %1 %2: %3 of %4 trials finished</source>
            <translation>Search %1 %2: %3 of %4 trials finished</translation>
        </message>
        <message>
            <source>best run %1 (%2%)</source>
            <translation>best run %1 (%2%)</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::SplitDialog</name>
        <message>
            <source>Make a Dataset Split</source>
            <translation>Make a Dataset Split</translation>
        </message>
        <message>
            <source>Dataset name</source>
            <translation>Dataset name</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>Classes</translation>
        </message>
        <message>
            <source>%1 (%2 flows with an image)</source>
            <translation>%1 (%2 flows with an image)</translation>
        </message>
        <message>
            <source>&amp;Classes:</source>
            <translation>&amp;Classes:</translation>
        </message>
        <message>
            <source>&amp;Make Split</source>
            <translation>&amp;Make Split</translation>
        </message>
        <message>
            <source>Split sizes per class</source>
            <translation>Split sizes per class</translation>
        </message>
        <message>
            <source>Counts (the paper: 1000 train / 300 validation)</source>
            <translation>Counts (the paper: 1000 train / 300 validation)</translation>
        </message>
        <message>
            <source>Fractions</source>
            <translation>Fractions</translation>
        </message>
        <message>
            <source>Train:</source>
            <translation>Train:</translation>
        </message>
        <message>
            <source>Validation:</source>
            <translation>Validation:</translation>
        </message>
        <message>
            <source>Test:</source>
            <translation>Test:</translation>
        </message>
        <message>
            <source>Train fraction:</source>
            <translation>Train fraction:</translation>
        </message>
        <message>
            <source>Validation fraction:</source>
            <translation>Validation fraction:</translation>
        </message>
        <message>
            <source>Test fraction:</source>
            <translation>Test fraction:</translation>
        </message>
        <message>
            <source>Leaks</source>
            <translation>Leaks</translation>
        </message>
        <message>
            <source>Keep each capture file on one side (split by capture)</source>
            <translation>Keep each capture file on one side (split by capture)</translation>
        </message>
        <message>
            <source>Keep identical images on one side</source>
            <translation>Keep identical images on one side</translation>
        </message>
        <message>
            <source>Drop identical copies</source>
            <translation>Drop identical copies</translation>
        </message>
        <message>
            <source>Duplicates:</source>
            <translation>Duplicates:</translation>
        </message>
        <message>
            <source>Leave out classes with fewer flows than:</source>
            <translation>Leave out classes with fewer flows than:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>Seed:</translation>
        </message>
        <message>
            <source>Images and training flows</source>
            <translation>Images and training flows</translation>
        </message>
        <message>
            <source>Repeat the payload (the paper)</source>
            <translation>Repeat the payload (the paper)</translation>
        </message>
        <message>
            <source>Zeros after the payload</source>
            <translation>Zeros after the payload</translation>
        </message>
        <message>
            <source>&amp;Fill:</source>
            <translation>&amp;Fill:</translation>
        </message>
        <message>
            <source> bytes</source>
            <translation> bytes</translation>
        </message>
        <message>
            <source>The first N payload bytes of each flow make its image (784: the paper)</source>
            <translation>The first N payload bytes of each flow make its image (784: the paper)</translation>
        </message>
        <message>
            <source>&amp;Payload kept:</source>
            <translation>&amp;Payload kept:</translation>
        </message>
        <message>
            <source>Blank session fields</source>
            <translation>Blank session fields</translation>
        </message>
        <message>
            <source>Zero the bytes that identify one session rather than the application (TLS randoms, session ids, key shares and tickets; HTTP cookies and dates; DNS ids; QUIC connection ids) before the images are made. Models trained on the dataset do the same when they classify.</source>
            <translation>Zero the bytes that identify one session rather than the application (TLS randoms, session ids, key shares and tickets; HTTP cookies and dates; DNS ids; QUIC connection ids) before the images are made. Models trained on the dataset do the same when they classify.</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>no limit</translation>
        </message>
        <message>
            <source>At most this many train flows of a class from one capture file; validation and test keep all</source>
            <translation>At most this many train flows of a class from one capture file; validation and test keep all</translation>
        </message>
        <message>
            <source>Train flows per &amp;capture:</source>
            <translation>Train flows per &amp;capture:</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::TrainDialog</name>
        <message>
            <source>%1 (%2 train / %3 validation)</source>
            <translation>%1 (%2 train / %3 validation)</translation>
        </message>
        <message>
            <source>Train a Model</source>
            <translation>Train a Model</translation>
        </message>
        <message>
            <source>&amp;Start Training</source>
            <translation>&amp;Start Training</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>Dataset</translation>
        </message>
        <message>
            <source>&amp;Dataset:</source>
            <translation>&amp;Dataset:</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>Run name</source>
            <translation>Run name</translation>
        </message>
        <message>
            <source>Run &amp;name:</source>
            <translation>Run &amp;name:</translation>
        </message>
        <message>
            <source>Convolutional network (the paper's)</source>
            <translation>Convolutional network (the paper's)</translation>
        </message>
        <message>
            <source>k-nearest neighbours on the bytes</source>
            <translation>k-nearest neighbours on the bytes</translation>
        </message>
        <message>
            <source>Gradient-boosted trees on flow features</source>
            <translation>Gradient-boosted trees on flow features</translation>
        </message>
        <message>
            <source>Model family</source>
            <translation>Model family</translation>
        </message>
        <message>
            <source>A k-NN model trains nothing: it keeps the train split's images and gives each flow the class of its nearest training flows. On captures it has not seen it often generalises better than the CNN (see Baselines). The trees read packet sizes, directions, gaps and protocol fields instead of the image; their prediction cost does not grow with the training set.</source>
            <translation>A k-NN model trains nothing: it keeps the train split's images and gives each flow the class of its nearest training flows. On captures it has not seen it often generalises better than the CNN (see Baselines). The trees read packet sizes, directions, gaps and protocol fields instead of the image; their prediction cost does not grow with the training set.</translation>
        </message>
        <message>
            <source>&amp;Model family:</source>
            <translation>&amp;Model family:</translation>
        </message>
        <message>
            <source>k-nearest neighbours</source>
            <translation>k-nearest neighbours</translation>
        </message>
        <message>
            <source>Neighbours</source>
            <translation>Neighbours</translation>
        </message>
        <message>
            <source>&amp;Neighbours (k):</source>
            <translation>&amp;Neighbours (k):</translation>
        </message>
        <message>
            <source>Hamming (bytes that differ)</source>
            <translation>Hamming (bytes that differ)</translation>
        </message>
        <message>
            <source>L1 (sum of byte differences)</source>
            <translation>L1 (sum of byte differences)</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <source>&amp;Distance:</source>
            <translation>&amp;Distance:</translation>
        </message>
        <message>
            <source>Gradient-boosted trees</source>
            <translation>Gradient-boosted trees</translation>
        </message>
        <message>
            <source>Boosting rounds</source>
            <translation>Boosting rounds</translation>
        </message>
        <message>
            <source>&amp;Rounds:</source>
            <translation>&amp;Rounds:</translation>
        </message>
        <message>
            <source>Tree depth</source>
            <translation>Tree depth</translation>
        </message>
        <message>
            <source>&amp;Depth:</source>
            <translation>&amp;Depth:</translation>
        </message>
        <message>
            <source>Weight the classes equally</source>
            <translation>Weight the classes equally</translation>
        </message>
        <message>
            <source>Off by default: on the nDPI captures every flow weighing alike cross-validated better.</source>
            <translation>Off by default: on the nDPI captures every flow weighing alike cross-validated better.</translation>
        </message>
        <message>
            <source>Model (paper Table 2)</source>
            <translation>Model (paper Table 2)</translation>
        </message>
        <message>
            <source>Paper Model %1</source>
            <translation>Paper Model %1</translation>
        </message>
        <message>
            <source>Custom</source>
            <translation>Custom</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>Preset</translation>
        </message>
        <message>
            <source>&amp;Preset:</source>
            <translation>&amp;Preset:</translation>
        </message>
        <message>
            <source>Convolution activation:</source>
            <translation>Convolution activation:</translation>
        </message>
        <message>
            <source>Fully connected activation:</source>
            <translation>Fully connected activation:</translation>
        </message>
        <message>
            <source>Filter size:</source>
            <translation>Filter size:</translation>
        </message>
        <message>
            <source>Filters:</source>
            <translation>Filters:</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max</translation>
        </message>
        <message>
            <source>Average</source>
            <translation>Average</translation>
        </message>
        <message>
            <source>Pooling:</source>
            <translation>Pooling:</translation>
        </message>
        <message>
            <source>None</source>
            <translation>None</translation>
        </message>
        <message>
            <source>Both</source>
            <translation>Both</translation>
        </message>
        <message>
            <source>Pooling only</source>
            <translation>Pooling only</translation>
        </message>
        <message>
            <source>Convolution only</source>
            <translation>Convolution only</translation>
        </message>
        <message>
            <source>Padding:</source>
            <translation>Padding:</translation>
        </message>
        <message>
            <source>Fully connected neurons:</source>
            <translation>Fully connected neurons:</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>SGD with momentum</source>
            <translation>SGD with momentum</translation>
        </message>
        <message>
            <source>Optimizer:</source>
            <translation>Optimizer:</translation>
        </message>
        <message>
            <source>Learning rate:</source>
            <translation>Learning rate:</translation>
        </message>
        <message>
            <source>Constant (paper)</source>
            <translation>Constant (paper)</translation>
        </message>
        <message>
            <source>Cosine decay to 0</source>
            <translation>Cosine decay to 0</translation>
        </message>
        <message>
            <source>Learning-rate schedule:</source>
            <translation>Learning-rate schedule:</translation>
        </message>
        <message>
            <source>off</source>
            <translation>off</translation>
        </message>
        <message>
            <source>Weight decay:</source>
            <translation>Weight decay:</translation>
        </message>
        <message>
            <source>Label smoothing:</source>
            <translation>Label smoothing:</translation>
        </message>
        <message>
            <source>Batch size:</source>
            <translation>Batch size:</translation>
        </message>
        <message>
            <source>Epochs:</source>
            <translation>Epochs:</translation>
        </message>
        <message>
            <source>Early stopping patience:</source>
            <translation>Early stopping patience:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>Seed:</translation>
        </message>
        <message>
            <source>all cores</source>
            <translation>all cores</translation>
        </message>
        <message>
            <source>Threads:</source>
            <translation>Threads:</translation>
        </message>
        <message>
            <source>Add server-name rules from the train split</source>
            <translation>Add server-name rules from the train split</translation>
        </message>
        <message>
            <source>A flow whose TLS SNI or HTTP Host carried one class in at least 90% of 2 or more training flows gets that class; the other flows keep the model's answer. The rules are stored in the model; epoch accuracies stay the model's own.</source>
            <translation>A flow whose TLS SNI or HTTP Host carried one class in at least 90% of 2 or more training flows gets that class; the other flows keep the model's answer. The rules are stored in the model; epoch accuracies stay the model's own.</translation>
        </message>
        <message>
            <source>Server names</source>
            <translation>Server names</translation>
        </message>
        <message>
            <source>&amp;Build Model</source>
            <translation>&amp;Build Model</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::jobs::TrainJob</name>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>Building a k-NN model</source>
            <translation>Building a k-NN model</translation>
        </message>
        <message>
            <source>Building gradient-boosted trees</source>
            <translation>Building gradient-boosted trees</translation>
        </message>
        <message>
            <source>%1 stopped; run %2 kept as cancelled</source>
            <translation>%1 stopped; run %2 kept as cancelled</translation>
        </message>
        <message>
            <source>Run %1 (%2) built: validation accuracy %3%</source>
            <translation>Run %1 (%2) built: validation accuracy %3%</translation>
        </message>
        <message>
            <source>Run %1 (%2) built: training accuracy %3%</source>
            <translation>Run %1 (%2) built: training accuracy %3%</translation>
        </message>
        <message>
            <source>%1-NN</source>
            <translation>%1-NN</translation>
        </message>
        <message>
            <source>gradient-boosted trees</source>
            <translation>gradient-boosted trees</translation>
        </message>
        <message numerus="yes">
            <source>Training stopped after %n epoch(s); run %1 kept</source>
            <translation>
                <numerusform>Training stopped after %n epoch; run %1 kept</numerusform>
                <numerusform>Training stopped after %n epochs; run %1 kept</numerusform>
            </translation>
        </message>
        <message>
            <source>Run %1 finished: validation accuracy %2% (epoch %3)</source>
            <translation>Run %1 finished: validation accuracy %2% (epoch %3)</translation>
        </message>
        <message>
            <source>Run %1 finished: training accuracy %2%</source>
            <translation>Run %1 finished: training accuracy %2%</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::gui::TrainingDock</name>
        <message>
            <source>Training</source>
            <translation>Training</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Run</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Epochs</translation>
        </message>
        <message>
            <source>Train acc.</source>
            <translation>Train acc.</translation>
        </message>
        <message>
            <source>Val. acc.</source>
            <translation>Val. acc.</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>Training curves</translation>
        </message>
        <message>
            <source>Training runs</source>
            <translation>Training runs</translation>
        </message>
        <message>
            <source>run %1 %2</source>
            <translation>run %1 %2</translation>
        </message>
        <message>
            <source>run %1</source>
            <translation>run %1</translation>
        </message>
        <message>
            <source>training now</source>
            <translation>training now</translation>
        </message>
    </context>
    <context>
        <name>flowcnn::widgets::TrainingPlot</name>
        <message>
            <source>&amp;Smoothing</source>
            <translation>&amp;Smoothing</translation>
        </message>
        <message>
            <source>Smoothing</source>
            <translation>Smoothing</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>Training curves</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>Loss</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Epochs</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Horizontal axis</source>
            <translation>Horizontal axis</translation>
        </message>
        <message>
            <source>Epoch</source>
            <translation>Epoch</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Step</translation>
        </message>
        <message>
            <source>Seconds</source>
            <translation>Seconds</translation>
        </message>
        <message>
            <source>%1 train</source>
            <translation>%1 train</translation>
        </message>
        <message>
            <source>%1 validation</source>
            <translation>%1 validation</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>FlowCNN Workbench: classify network traffic with a CNN over payload images</source>
            <translation>FlowCNN Workbench: classify network traffic with a CNN over payload images</translation>
        </message>
        <message>
            <source>A project or capture to open.</source>
            <translation>A project or capture to open.</translation>
        </message>
        <message>
            <source>Save PNGs of the main views into DIR and quit.</source>
            <translation>Save PNGs of the main views into DIR and quit.</translation>
        </message>
        <message>
            <source>User interface language (en, ko).</source>
            <translation>User interface language (en, ko).</translation>
        </message>
    </context>
</TS>
