namespace Network.Web.Components.Forms;

public enum ChoiceKind
{
    Several,
    One,
    Select,
}
